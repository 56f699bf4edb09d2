#include "portal_client.hpp"

#include "appointments.hpp"

#include <lobsync/url.hpp>
#include <lobsync/vendor_answers.hpp>

namespace zermelo {

namespace {

using lobsync::sdk::Error;
using lobsync::sdk::with_query;
using nlohmann::json;

// Only what busy times need: no names of lessons, groups or students (personal data of minors).
constexpr const char* kFields = "id,start,end,type,teachers,valid,cancelled";

std::string joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string unix_seconds(lobsync::sdk::UtcSeconds t) { return std::to_string(t.time_since_epoch().count()); }

}  // namespace

std::string PortalClient::describe(const Query& query) {
  return std::string(query.codes.size() == 1 ? "user " : "teachers ") + joined(query.codes) + ", " +
         lobsync::sdk::format_utc_instant(query.start) + " to " + lobsync::sdk::format_utc_instant(query.end);
}

std::string PortalClient::url(const Query& query) const {
  std::string url = settings_.portal_url + "/api/v3/appointments";
  url = with_query(url, query.codes.size() == 1 ? "user" : "teachers", joined(query.codes));
  url = with_query(url, "start", unix_seconds(query.start));
  url = with_query(url, "end", unix_seconds(query.end));
  url = with_query(url, "valid", "true");
  url = with_query(url, "cancelled", "false");
  url = with_query(url, "fields", kFields);
  if (settings_.token_in == TokenIn::query) url = with_query(url, "access_token", token_);
  return url;
}

std::string PortalClient::redacted(std::string text) const {
  lobsync::sdk::redact_secret(text, token_, "[token]");
  return text;
}

Reply PortalClient::appointments(const Query& query) const {
  json headers{{"Accept", "application/json"}};
  if (settings_.token_in == TokenIn::header) headers["Authorization"] = "Bearer " + token_;
  const json request{{"method", "GET"},
                     {"url", url(query)},
                     {"headers", headers},
                     {"timeout_ms", settings_.timeout_seconds * 1000},
                     {"max_attempts", settings_.max_attempts},
                     {"retry_on", lobsync::sdk::transient_statuses()}};
  const auto r = host_.http(request);
  const std::string what = "GET /api/v3/appointments (" + describe(query) + ")";
  auto detail = [&] {
    const std::string m = envelope_message(r.body);
    return redacted("HTTP " + std::to_string(r.status) + (m.empty() ? "" : ": " + m));
  };
  if (r.status == 0) throw Error(LOBSYNC_E_UNAVAILABLE, what + ": no answer (" + redacted(r.error) + ")");
  if (r.status == 401) {
    throw Error(LOBSYNC_E_AUTH, "the API token is refused (" + detail() + " on " + what +
                                    "): check the token setting, or make a new token in the portal (Beheer > "
                                    "Admin-paneel > API Tokens)" +
                                    (settings_.token_in == TokenIn::header
                                         ? "; a portal that does not take the Authorization header needs token_in \"query\""
                                         : ""));
  }
  if (r.status == 403) {
    throw Error(LOBSYNC_E_PERMANENT, "the API token lacks the right to read appointments of other users (" + detail() +
                                         " on " + what +
                                         "): give the token's user the right to read every teacher's schedule");
  }
  if (lobsync::sdk::is_transient(r.status)) {
    throw Error(LOBSYNC_E_UNAVAILABLE, what + " failed after " + std::to_string(settings_.max_attempts) +
                                           " attempts: " + detail());
  }
  return {r.status, r.body, detail()};
}

}  // namespace zermelo
