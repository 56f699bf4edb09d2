// CalDAV requests through the host's HTTP client (TLS verified, retries with backoff), with
// the instance's Basic credentials, and the mapping of answers to the ABI's status codes.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>
#include <string_view>

namespace caldav {

class DavClient {
 public:
  // `authorization` is the complete header value ("Basic ..."), or empty for none.
  DavClient(const lobsync::sdk::Host& host, std::string authorization, int timeout_seconds, int max_attempts);

  lobsync::sdk::HttpResponse send(std::string_view method, const std::string& url, nlohmann::json headers = {},
                                  std::string_view body = {}) const;

 private:
  const lobsync::sdk::Host& host_;
  std::string authorization_;
  int timeout_seconds_;
  int max_attempts_;
};

// The header value as the host hands it over (lower-case name), or empty.
std::string header(const lobsync::sdk::HttpResponse& response, const std::string& lower_name);

// Throws the Error an unexpected answer deserves: no answer or 5xx, 408, 429 → UNAVAILABLE;
// 401 → AUTH; 403 → PERMANENT ("forbidden"); other statuses → PERMANENT. `what` says which
// request it was ("PUT of the event"); the message never holds credentials or the server's body.
[[noreturn]] void fail(const lobsync::sdk::HttpResponse& response, std::string_view what);

}  // namespace caldav
