#include "graph_client.hpp"

#include <lobsync/oauth2_settings.hpp>
#include <lobsync/vendor_answers.hpp>

namespace microsoft365 {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

// Built once at create (secret resolved, key read and matched to the certificate), so a broken
// credential fails when the daemon starts, not with the first mail.
lobsync::sdk::oauth2::GrantBuilder checked_grant(const lobsync::sdk::Host& host, const Settings& settings) {
  const lobsync::sdk::settings::Values values(declared_settings().settings, settings.raw);
  auto grant = lobsync::sdk::oauth2::microsoft_grant(host, values, kGraphScope);
  grant(host.now_unix_ms());
  return grant;
}

std::string token_url(const Settings& settings) {
  const lobsync::sdk::settings::Values values(declared_settings().settings, settings.raw);
  return lobsync::sdk::oauth2::microsoft_token_url(values);
}

std::string tenant(const Settings& settings) {
  const lobsync::sdk::settings::Values values(declared_settings().settings, settings.raw);
  return values.text("tenant");
}

}  // namespace

std::string describe_graph_error(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  const auto error = doc.find("error");
  if (error == doc.end() || !error->is_object()) return {};
  std::string out;
  if (auto code = error->find("code"); code != error->end() && code->is_string()) out = code->get<std::string>();
  if (auto message = error->find("message"); message != error->end() && message->is_string()) {
    out += (out.empty() ? "" : ": ") + message->get<std::string>();
  }
  return lobsync::sdk::quote_vendor_text(std::move(out));
}

GraphClient::GraphClient(const lobsync::sdk::Host& host, const Settings& settings)
    : host_(host), settings_(settings), tokens_(host, token_url(settings), "tenant " + tenant(settings), checked_grant(host, settings)) {}

lobsync::sdk::HttpResponse GraphClient::call(const std::string& method, const std::string& path_or_url,
                                             const std::string& content_type, const std::string& body,
                                             bool repeatable) {
  const bool full_url = path_or_url.starts_with("http");
  // The token goes with every call: a full URL (a next page Graph named) only under graph_url.
  if (full_url && !path_or_url.starts_with(settings_.graph_url + "/"))
    throw Error(LOBSYNC_E_UNAVAILABLE, "Graph answered with a next page outside graph_url; not followed");
  const std::string url = full_url ? path_or_url : settings_.graph_url + path_or_url;
  json request{{"method", method},
               {"url", url},
               {"headers", {{"Accept", "application/json"}, {"Prefer", "outlook.timezone=\"UTC\""}}},
               {"timeout_ms", settings_.timeout_seconds * 1000},
               {"max_attempts", 4},
               // Graph throttles with 429 and Retry-After, and asks for the same on 503/504.
               {"retry_on", repeatable ? json::array({429, 503, 504}) : json::array({429, 503})}};
  if (!content_type.empty()) request["headers"]["Content-Type"] = content_type;
  return lobsync::sdk::oauth2::authorized_http(host_, tokens_, request, body);
}

void GraphClient::fail(const lobsync::sdk::HttpResponse& r, const std::string& what, const std::string& permission,
                       const std::string& mailbox) const {
  const std::string detail = describe_graph_error(r.body);
  const std::string said = detail.empty() ? "" : " (" + detail + ")";
  if (r.status == 0) throw Error(LOBSYNC_E_UNAVAILABLE, what + " failed: no response (" + r.error + ")");
  if (r.status == 401) throw Error(LOBSYNC_E_AUTH, what + " refused a fresh access token" + said);
  if (r.status == 403) {
    throw Error(LOBSYNC_E_PERMANENT, "the app has no " + permission + " permission for mailbox " + mailbox +
                                         " (grant it with admin consent, and check the application access policy)" + said);
  }
  if (r.status == 404) throw Error(LOBSYNC_E_PERMANENT, what + ": mailbox " + mailbox + " not found" + said);
  if (lobsync::sdk::is_transient(r.status)) {
    throw Error(LOBSYNC_E_UNAVAILABLE, what + " failed: HTTP " + std::to_string(r.status) + said);
  }
  throw Error(LOBSYNC_E_PERMANENT, what + " refused: HTTP " + std::to_string(r.status) + said);
}

}  // namespace microsoft365
