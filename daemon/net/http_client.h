// The host's HTTP client, used by the daemon and lent to plugins through the host API
// (lobsync_host_api::http_request). Synchronous, libcurl underneath (kept out of this header),
// TLS verified by default, retries with backoff and Retry-After. Only http and https.
#pragma once

#include "core/clock.h"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lobsync::net {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};  // per attempt, whole exchange
  int max_attempts = 4;                      // in total, including the first
  std::vector<int> retry_on{408, 429, 500, 502, 503, 504};
};

struct HttpResponse {
  int status = 0;                             // 0: no (acceptable) response; see error
  std::map<std::string, std::string> headers;  // lower-case names; repeated headers joined by ", "
  std::string body;
  std::string error;  // transport error when status == 0
  int attempts = 0;
};

struct HttpClientSettings {
  bool verify_tls = true;
  std::string ca_file;  // PEM bundle to trust instead of the system's; empty: system store
  std::string user_agent = "lobsync";
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  std::chrono::milliseconds max_retry_after{120000};
  std::size_t max_response_bytes = 64u << 20;
};

// Waits between attempts; injected so tests record the waits instead of sleeping.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

class HttpClient {
 public:
  explicit HttpClient(HttpClientSettings settings = {}, Sleeper sleeper = {},
                      const Clock* clock = nullptr);

  // Thread-safe (the sleeper must be too). Never throws for HTTP or transport errors: a failed
  // exchange is status 0 with error set; an HTTP error status after the last attempt is
  // returned as is, body included.
  HttpResponse perform(const HttpRequest& request) const;

 private:
  HttpClientSettings settings_;
  Sleeper sleeper_;
  const Clock* clock_;
};

// Retry-After (RFC 9110 10.2.3): delta-seconds or an IMF-fixdate. nullopt for anything else;
// dates in the past give 0.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, Instant now);

// The plugin ABI's request document:
//   {"method":"GET","url":"https://…","headers":{"name":"value"},"timeout_ms":30000,
//    "max_attempts":4,"retry_on":[429,503]}
// Only "url" is required. On a bad document returns nullopt and, if error is given, a message
// that names the offending field.
std::optional<HttpRequest> request_from_json(const nlohmann::json& j, std::string body,
                                             std::string* error);

// Response headers as the ABI hands them to plugins: a JSON object name -> value.
nlohmann::json headers_to_json(const std::map<std::string, std::string>& headers);

}  // namespace lobsync::net
