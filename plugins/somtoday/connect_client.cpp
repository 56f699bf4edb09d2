#include "connect_client.hpp"

#include <lobsync/url.hpp>

#include <algorithm>

namespace somtoday {

using lobsync::sdk::url_encode;
using lobsync::sdk::with_query;

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

// The host retries these with backoff and Retry-After before handing us the last answer.
const json kRetryOn = json::array({408, 429, 500, 502, 503, 504});
constexpr int kMaxAttempts = 4;
constexpr int kTimeoutMs = 60000;
constexpr std::int64_t kDefaultTokenLifetimeS = 3600;  // when expires_in is absent
constexpr std::size_t kMaxQuoted = 300;  // vendor text in messages stays short

std::string clip(std::string text) {
  if (text.size() > kMaxQuoted) text = text.substr(0, kMaxQuoted) + "…";
  return text;
}

bool transient(int status) { return status == 0 || status == 408 || status == 429 || status >= 500; }

std::string status_text(const lobsync::sdk::HttpResponse& r) {
  if (r.status == 0) return "no response (" + r.error + ")";
  std::string text = "HTTP " + std::to_string(r.status);
  if (auto detail = describe_error_body(r.body); !detail.empty()) text += ": " + detail;
  return text;
}

}  // namespace

std::string describe_error_body(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  std::string out;
  if (doc.contains("errors") && doc["errors"].is_array()) {
    for (const auto& e : doc["errors"]) {
      if (!e.is_object()) continue;
      std::string one;
      if (e.contains("problem") && e["problem"].is_string()) one += e["problem"].get<std::string>();
      if (e.contains("clarification") && e["clarification"].is_string()) {
        one += (one.empty() ? "" : " - ") + e["clarification"].get<std::string>();
      }
      if (e.contains("code") && e["code"].is_number_integer()) one += " (code " + std::to_string(e["code"].get<long long>()) + ")";
      out += (out.empty() ? "" : "; ") + one;
    }
  } else if (doc.contains("error") && doc["error"].is_string()) {
    // OAuth2 token endpoint errors (RFC 6749 5.2).
    out = doc["error"].get<std::string>();
    if (doc.contains("error_description") && doc["error_description"].is_string()) {
      out += " - " + doc["error_description"].get<std::string>();
    }
  }
  return clip(out);
}

void ConnectClient::fetch_token() {
  // Resolved per token request, so a rotated secret file is picked up and the value is held
  // only as long as needed.
  const std::string secret = host_.secret(settings_.client_secret);
  const std::string body = "grant_type=client_credentials&client_id=" + url_encode(settings_.client_id) +
                           "&client_secret=" + url_encode(secret);
  const json request{{"method", "POST"},
                     {"url", with_query(settings_.token_url, "organisation", settings_.organisation)},
                     {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}}},
                     {"timeout_ms", kTimeoutMs},
                     {"max_attempts", kMaxAttempts},
                     {"retry_on", kRetryOn}};
  const auto response = host_.http(request, body);
  auto fail = [&](lobsync_status status, std::string message) {
    // Nothing the token endpoint says may carry the secret into a log or error message.
    lobsync::sdk::redact_secret(message, secret, "[secret]");
    throw Error(status, message);
  };
  if (transient(response.status)) fail(LOBSYNC_E_UNAVAILABLE, "token request failed: " + status_text(response));
  if (response.status != 200) {
    fail(LOBSYNC_E_AUTH, "token request refused for organisation " + settings_.organisation + ": " + status_text(response));
  }
  const json doc = json::parse(response.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("access_token") || !doc["access_token"].is_string() ||
      doc["access_token"].get<std::string>().empty()) {
    fail(LOBSYNC_E_INVALID_ARGUMENT, "token endpoint answered without an access_token");
  }
  std::int64_t lifetime = kDefaultTokenLifetimeS;
  if (doc.contains("expires_in") && doc["expires_in"].is_number() && doc["expires_in"].get<double>() > 0) {
    lifetime = static_cast<std::int64_t>(doc["expires_in"].get<double>());
  }
  // Renew a little early (a tenth, at most a minute) so a token never expires mid-request.
  const std::int64_t margin = std::min<std::int64_t>(60, lifetime / 10);
  token_ = doc["access_token"].get<std::string>();
  token_valid_until_ms_ = host_.now_unix_ms() + (lifetime - margin) * 1000;
  host_.debug("somtoday: new access token, valid for " + std::to_string(lifetime) + " s");
}

lobsync::sdk::HttpResponse ConnectClient::send_get(const std::string& url) const {
  const json request{{"method", "GET"},
                     {"url", url},
                     {"headers", {{"Authorization", "Bearer " + token_}, {"Accept", "application/json"}}},
                     {"timeout_ms", kTimeoutMs},
                     {"max_attempts", kMaxAttempts},
                     {"retry_on", kRetryOn}};
  return host_.http(request);
}

json ConnectClient::get(const std::string& path, const std::string& where) { return *fetch(path, where, false); }

std::optional<json> ConnectClient::get_if_found(const std::string& path, const std::string& where) {
  return fetch(path, where, true);
}

std::optional<json> ConnectClient::fetch(const std::string& path, const std::string& where, bool missing_ok) {
  if (token_.empty() || host_.now_unix_ms() >= token_valid_until_ms_) fetch_token();
  const std::string url = settings_.api_url + path;
  const std::string endpoint = "GET " + path.substr(0, path.find('?')) + (where.empty() ? "" : " (" + where + ")");
  auto response = send_get(url);
  if (response.status == 401) {
    // The token may have been revoked or expired early: one new token, one more try.
    host_.info("somtoday: access token refused, requesting a new one");
    fetch_token();
    response = send_get(url);
    if (response.status == 401) {
      throw Error(LOBSYNC_E_AUTH, endpoint + " refused a fresh access token: " + status_text(response));
    }
  }
  if (transient(response.status)) throw Error(LOBSYNC_E_UNAVAILABLE, endpoint + " failed: " + status_text(response));
  if (response.status == 404 && missing_ok) return std::nullopt;
  if (response.status == 403) throw Error(LOBSYNC_E_PERMANENT, "no permission for " + endpoint + ": " + status_text(response));
  if (response.status != 200) throw Error(LOBSYNC_E_PERMANENT, endpoint + " failed: " + status_text(response));
  json doc = json::parse(response.body, nullptr, false);
  if (!doc.is_object()) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                endpoint + " returned a response that is not the expected JSON object (" +
                    std::to_string(response.body.size()) + " bytes)");
  }
  return doc;
}

void ConnectClient::for_each_item(const std::string& path, const std::string& key,
                                  const std::function<void(const json&, long long)>& each) {
  const auto amount = static_cast<long long>(settings_.page_size);
  for (long long offset = 0;; offset += amount) {
    const std::string where = "offset " + std::to_string(offset);
    std::string url = with_query(path, "offset", std::to_string(offset));
    url = with_query(url, "amount", std::to_string(amount));
    const json page = get(url, where);
    const json* items = nullptr;
    if (page.contains(key)) {
      items = &page[key];
      if (!items->is_array()) {
        throw Error(LOBSYNC_E_INVALID_ARGUMENT, "GET " + path + " (" + where + "): \"" + key + "\" is not a list");
      }
    }
    // Null or empty lists may be omitted by the API: no key is an empty page.
    const std::size_t count = items == nullptr ? 0 : items->size();
    for (std::size_t i = 0; i < count; ++i) each((*items)[i], offset);
    // There is no total count: a short (or empty) page is the last one.
    if (static_cast<long long>(count) < amount) break;
  }
}

}  // namespace somtoday
