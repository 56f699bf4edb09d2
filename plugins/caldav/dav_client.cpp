#include "dav_client.hpp"

namespace caldav {

using lobsync::sdk::Error;
using lobsync::sdk::HttpResponse;

DavClient::DavClient(const lobsync::sdk::Host& host, std::string authorization, int timeout_seconds, int max_attempts)
    : host_(host), authorization_(std::move(authorization)), timeout_seconds_(timeout_seconds), max_attempts_(max_attempts) {}

HttpResponse DavClient::send(std::string_view method, const std::string& url, nlohmann::json headers,
                             std::string_view body) const {
  if (!headers.is_object()) headers = nlohmann::json::object();
  if (!authorization_.empty()) headers["Authorization"] = authorization_;
  const nlohmann::json request = {{"method", method},
                                  {"url", url},
                                  {"headers", headers},
                                  {"timeout_ms", timeout_seconds_ * 1000},
                                  {"max_attempts", max_attempts_}};
  return host_.http(request, body);
}

std::string header(const HttpResponse& response, const std::string& lower_name) {
  if (!response.headers.is_object()) return {};
  auto it = response.headers.find(lower_name);
  return it != response.headers.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void fail(const HttpResponse& response, std::string_view what) {
  const std::string context(what);
  const int status = response.status;
  if (status == 0) {
    throw Error(LOBSYNC_E_UNAVAILABLE, context + ": the CalDAV server did not answer (" + response.error + ")");
  }
  const std::string code = " (HTTP " + std::to_string(status) + ")";
  if (status >= 500 || status == 408 || status == 429) {
    throw Error(LOBSYNC_E_UNAVAILABLE, context + ": the CalDAV server is unavailable" + code);
  }
  if (status == 401) {
    throw Error(LOBSYNC_E_AUTH, context + ": the CalDAV server rejected the username or password" + code);
  }
  if (status == 403) {
    throw Error(LOBSYNC_E_PERMANENT, context + ": forbidden: the account may not use this calendar" + code);
  }
  throw Error(LOBSYNC_E_PERMANENT, context + ": the CalDAV server refused the request" + code);
}

}  // namespace caldav
