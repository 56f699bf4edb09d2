// Google's REST APIs (Calendar v3, Gmail v1) over the host's HTTP client, as the service
// account acting as a Workspace user (domain-wide delegation): one SDK TokenSource per scope and
// user (a token carries one subject), renewed once on a 401; 429 and 5xx retried by the host
// with backoff and Retry-After; Google's error envelope {"error":{"code","message","errors":
// [{"reason"}],"status"}} turned into messages that say what to fix.
#pragma once

#include "settings.hpp"

#include <lobsync/oauth2.hpp>

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace google {

// What Google's error envelope says, or all empty when the body is not one.
struct GoogleError {
  int code = 0;
  std::string reason;   // errors[0].reason: notFound, duplicate, rateLimitExceeded, forbidden …
  std::string message;  // error.message, quoted safely (short, one line)
  std::string status;   // error.status: NOT_FOUND, PERMISSION_DENIED … (newer APIs)
};

GoogleError parse_google_error(const std::string& body);

// "reason: message" for a message, clipped and on one line; empty when the body is not an envelope.
std::string describe_google_error(const std::string& body);

// Google answers "slow down" also with 403 (rateLimitExceeded, userRateLimitExceeded) besides 429.
bool is_rate_limit(const GoogleError& error);

class GoogleClient {
 public:
  GoogleClient(const lobsync::sdk::Host& host, const Settings& settings);

  // One call to `url` with a token for `scope`, acting as `subject`. `repeatable` false (sending
  // mail): the host retries only 429 (and a rate-limit 403), which Google answers before doing
  // anything; a 5xx or a lost answer leaves the outcome unknown and is not sent again blindly.
  lobsync::sdk::HttpResponse call(const std::string& method, const std::string& url, const std::string& content_type,
                                  const std::string& body, const std::string& scope, const std::string& subject,
                                  bool repeatable = true);

  // Throws the Error a failed answer means: no answer, 408/429/5xx or a rate-limit 403 still
  // there after the retries → UNAVAILABLE (tried again later); 401 after renewal → AUTH; another 403 → PERMANENT naming the
  // scope and the user; 404 → PERMANENT; other 4xx → PERMANENT with Google's reason and message.
  [[noreturn]] void fail(const lobsync::sdk::HttpResponse& response, const std::string& what, const std::string& scope,
                         const std::string& subject) const;

  const Settings& settings() const { return settings_; }

 private:
  lobsync::sdk::oauth2::TokenSource& tokens(const std::string& scope, const std::string& subject);

  const lobsync::sdk::Host& host_;
  const Settings& settings_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<lobsync::sdk::oauth2::TokenSource>> tokens_;
};

}  // namespace google
