#include "google_client.hpp"

#include <lobsync/json_members.hpp>
#include <lobsync/oauth2_settings.hpp>
#include <lobsync/vendor_answers.hpp>

namespace google {

namespace {

using lobsync::sdk::string_member;
using lobsync::sdk::Error;
using nlohmann::json;

lobsync::sdk::settings::Values values_of(const Settings& settings) {
  return lobsync::sdk::settings::Values(declared_settings().settings, settings.raw);
}

}  // namespace

GoogleError parse_google_error(const std::string& body) {
  GoogleError out;
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return out;
  const auto error = doc.find("error");
  if (error == doc.end() || !error->is_object()) return out;
  if (auto code = error->find("code"); code != error->end() && code->is_number_integer()) {
    const auto value = code->get<long long>();
    out.code = value >= 100 && value <= 599 ? static_cast<int>(value) : 0;
  }
  out.message = lobsync::sdk::quote_vendor_text(string_member(*error, "message"));
  out.status = lobsync::sdk::quote_vendor_text(string_member(*error, "status"), 60);
  if (auto errors = error->find("errors"); errors != error->end() && errors->is_array() && !errors->empty() &&
                                           errors->front().is_object()) {
    out.reason = lobsync::sdk::quote_vendor_text(string_member(errors->front(), "reason"), 60);
  }
  return out;
}

std::string describe_google_error(const std::string& body) {
  const GoogleError e = parse_google_error(body);
  std::string out = e.reason.empty() ? e.status : e.reason;
  if (!e.message.empty()) out += (out.empty() ? "" : ": ") + e.message;
  return lobsync::sdk::quote_vendor_text(std::move(out));
}

bool is_rate_limit(const GoogleError& error) {
  return error.reason == "rateLimitExceeded" || error.reason == "userRateLimitExceeded" ||
         error.reason == "quotaExceeded" || error.status == "RESOURCE_EXHAUSTED";
}

GoogleClient::GoogleClient(const lobsync::sdk::Host& host, const Settings& settings) : host_(host), settings_(settings) {
  // The key is read and signed with once now (no network), so a broken key fails when the
  // daemon starts, not with the first mail.
  lobsync::sdk::oauth2::google_grant(host, values_of(settings), kFreeBusyScope, settings.mailbox)(host.now_unix_ms());
}

lobsync::sdk::oauth2::TokenSource& GoogleClient::tokens(const std::string& scope, const std::string& subject) {
  auto& slot = tokens_[{scope, subject}];
  if (!slot) {
    const auto values = values_of(settings_);
    slot = std::make_unique<lobsync::sdk::oauth2::TokenSource>(
        host_, values.text("google_token_url"), "the service account acting as " + subject + " (scope " + scope + ")",
        lobsync::sdk::oauth2::google_grant(host_, values, scope, subject));
  }
  return *slot;
}

lobsync::sdk::HttpResponse GoogleClient::call(const std::string& method, const std::string& url,
                                              const std::string& content_type, const std::string& body,
                                              const std::string& scope, const std::string& subject, bool repeatable) {
  json request{{"method", method},
               {"url", url},
               {"headers", {{"Accept", "application/json"}}},
               {"timeout_ms", settings_.timeout_seconds * 1000},
               {"max_attempts", 4},
               {"retry_on", repeatable ? lobsync::sdk::transient_statuses() : json::array({429})}};
  if (!content_type.empty()) request["headers"]["Content-Type"] = content_type;
  auto response = lobsync::sdk::oauth2::authorized_http(host_, tokens(scope, subject), request, body);
  // Google also says "slow down" with a 403, which the host cannot tell from "not allowed" by its
  // status: once the reason says rate limit, the call is sent again with 403 among the statuses
  // the host retries with backoff (nothing was done, so also a send may be repeated).
  if (response.status == 403 && is_rate_limit(parse_google_error(response.body))) {
    host_.info("Google's rate limit (HTTP 403) for " + subject + ", trying again with backoff");
    request["retry_on"].push_back(403);
    response = lobsync::sdk::oauth2::authorized_http(host_, tokens(scope, subject), request, body);
  }
  return response;
}

void GoogleClient::fail(const lobsync::sdk::HttpResponse& r, const std::string& what, const std::string& scope,
                        const std::string& subject) const {
  const GoogleError error = parse_google_error(r.body);
  const std::string detail = describe_google_error(r.body);
  const std::string said = detail.empty() ? "" : " (" + detail + ")";
  if (r.status == 0) throw Error(LOBSYNC_E_UNAVAILABLE, what + " failed: no response (" + r.error + ")");
  if (r.status == 401) throw Error(LOBSYNC_E_AUTH, what + " refused a fresh access token" + said);
  if (r.status == 403 && is_rate_limit(error)) {
    throw Error(LOBSYNC_E_UNAVAILABLE, what + ": Google's rate limit for " + subject + ", tried again later" + said);
  }
  if (r.status == 403) {
    throw Error(LOBSYNC_E_PERMANENT, what + ": Google refused access as " + subject + " (check that the user exists, "
                                         "has the service enabled, and that domain-wide delegation grants " + scope + ")" + said);
  }
  if (r.status == 404) throw Error(LOBSYNC_E_PERMANENT, what + ": not found" + said);
  if (lobsync::sdk::is_transient(r.status)) {
    throw Error(LOBSYNC_E_UNAVAILABLE, what + " failed: HTTP " + std::to_string(r.status) + said);
  }
  throw Error(LOBSYNC_E_PERMANENT, what + " refused: HTTP " + std::to_string(r.status) + said);
}

}  // namespace google
