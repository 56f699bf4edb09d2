#include "connect_client.hpp"

#include <lobsync/url.hpp>
#include <lobsync/vendor_answers.hpp>

#include <algorithm>

namespace somtoday {

using lobsync::sdk::with_query;

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

constexpr int kMaxAttempts = 4;
constexpr int kTimeoutMs = 60000;

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
  return lobsync::sdk::quote_vendor_text(std::move(out));
}

ConnectClient::ConnectClient(const lobsync::sdk::Host& host, const Settings& settings)
    : host_(host),
      settings_(settings),
      // Somtoday Connect names the school in the token URL; it takes no scope.
      tokens_(host, with_query(settings.token_url, "organisation", settings.organisation),
              "organisation " + settings.organisation,
              lobsync::sdk::oauth2::client_secret_grant(host, settings.client_id, settings.client_secret, "")) {}

// The token renews once on a 401 (revoked or expired early); a second 401 is judged by fetch().
lobsync::sdk::HttpResponse ConnectClient::send_get(const std::string& url) {
  const json request{{"method", "GET"},
                     {"url", url},
                     {"headers", {{"Accept", "application/json"}}},
                     {"timeout_ms", kTimeoutMs},
                     {"max_attempts", kMaxAttempts},
                     {"retry_on", lobsync::sdk::transient_statuses()}};
  return lobsync::sdk::oauth2::authorized_http(host_, tokens_, request);
}

json ConnectClient::get(const std::string& path, const std::string& where) { return *fetch(path, where, false); }

std::optional<json> ConnectClient::get_if_found(const std::string& path, const std::string& where) {
  return fetch(path, where, true);
}

std::optional<json> ConnectClient::fetch(const std::string& path, const std::string& where, bool missing_ok) {
  const std::string url = settings_.api_url + path;
  const std::string endpoint = "GET " + path.substr(0, path.find('?')) + (where.empty() ? "" : " (" + where + ")");
  const auto response = send_get(url);
  if (response.status == 401) {
    throw Error(LOBSYNC_E_AUTH, endpoint + " refused a fresh access token: " + status_text(response));
  }
  if (lobsync::sdk::is_transient(response.status)) throw Error(LOBSYNC_E_UNAVAILABLE, endpoint + " failed: " + status_text(response));
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
