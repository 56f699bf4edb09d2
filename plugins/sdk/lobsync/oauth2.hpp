// OAuth 2.0 access tokens for plugins, over the host's http_request: a token is fetched when
// first needed, kept until shortly before its `expires_in` runs out, and renewed once more when
// the API refuses it (401) before that. The grant (what the token request sends) is a function,
// so client secrets (here), certificate assertions and Google service accounts
// (oauth2_assertions.hpp) share the caching, renewal and error handling.
//
// Secrets, assertions and tokens never reach a log line or an error message: the grant names
// the values to redact, and messages quote only what the server said, redacted.
#pragma once

#include <lobsync/oauth2_response.hpp>
#include <lobsync/vendor_answers.hpp>
#include <lobsync/plugin_sdk.hpp>
#include <lobsync/url.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace lobsync::sdk::oauth2 {

// One token request's form body and the values in it that must never be quoted.
struct Grant {
  std::string form;                  // application/x-www-form-urlencoded
  std::vector<std::string> secrets;  // client secret, assertion, key … (redacted from messages)
};

// Builds the grant for a token request at `now_ms` (assertions carry the time). Resolves its
// secrets each time, so a rotated secret file takes effect without a restart.
using GrantBuilder = std::function<Grant(std::int64_t now_ms)>;

class TokenSource {
 public:
  // `what` names the credential in messages ("tenant contoso.example", "organisation …").
  TokenSource(const Host& host, std::string token_url, std::string what, GrantBuilder grant)
      : host_(host), token_url_(std::move(token_url)), what_(std::move(what)), grant_(std::move(grant)) {}

  // A token valid for a while yet: the cached one, or a new one. Throws Error: LOBSYNC_E_AUTH when
  // the endpoint refuses the credentials, LOBSYNC_E_UNAVAILABLE when it cannot be reached or
  // fails (after the host's retries), LOBSYNC_E_CONFIG when the grant cannot be built.
  const std::string& token() {
    if (token_.empty() || host_.now_unix_ms() >= valid_until_ms_) fetch();
    return token_;
  }

  // After the API refused the current token: drop it and fetch a new one.
  const std::string& renew() {
    forget();
    fetch();
    return token_;
  }

  void forget() {
    token_.clear();
    valid_until_ms_ = 0;
  }

  int requests() const { return requests_; }  // token requests made (tests, health)

 private:
  void fetch() {
    const Grant grant = grant_(host_.now_unix_ms());
    const nlohmann::json request{
        {"method", "POST"},
        {"url", token_url_},
        {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}}},
        {"timeout_ms", 60000},
        {"max_attempts", 4},
        {"retry_on", sdk::transient_statuses()}};
    ++requests_;
    const auto response = host_.http(request, grant.form);
    auto fail = [&](lobsync_status status, std::string message) {
      for (const auto& secret : grant.secrets) redact_secret(message, secret, "[redacted]");
      throw Error(status, message);
    };
    if (response.status == 0) fail(LOBSYNC_E_UNAVAILABLE, "token request for " + what_ + " failed: no response (" + response.error + ")");
    const TokenAnswer answer = parse_token_response(response.status, response.body);
    if (!answer.ok) {
      const std::string message = "token request for " + what_ + " " +
                                  (response.status == 200 ? "answered badly" : "refused (HTTP " + std::to_string(response.status) + ")") +
                                  ": " + answer.error;
      fail(sdk::is_transient(response.status) ? LOBSYNC_E_UNAVAILABLE : LOBSYNC_E_AUTH, message);
    }
    // Renew a little early (a tenth, at most a minute) so a token never expires mid-request.
    const std::int64_t margin = std::min<std::int64_t>(60, answer.expires_in / 10);
    token_ = answer.access_token;
    valid_until_ms_ = host_.now_unix_ms() + (answer.expires_in - margin) * 1000;
    host_.debug("new access token for " + what_ + ", valid for " + std::to_string(answer.expires_in) + " s");
  }

  const Host& host_;
  std::string token_url_;
  std::string what_;
  GrantBuilder grant_;
  std::string token_;
  std::int64_t valid_until_ms_ = 0;
  int requests_ = 0;
};

// Sends `request` with the source's token as a Bearer Authorization header; on a 401 renews the
// token once and sends again. The caller judges the (possibly second) answer.
inline HttpResponse authorized_http(const Host& host, TokenSource& tokens, nlohmann::json request,
                                    std::string_view body = {}) {
  request["headers"]["Authorization"] = "Bearer " + tokens.token();
  auto response = host.http(request, body);
  if (response.status != 401) return response;
  host.info("access token refused (HTTP 401), requesting a new one");
  request["headers"]["Authorization"] = "Bearer " + tokens.renew();
  return host.http(request, body);
}

// Client credentials with a client secret (RFC 6749 4.4, secret in the body as 2.3.1 allows):
// `scope` may be empty for servers that take none.
inline GrantBuilder client_secret_grant(const Host& host, std::string client_id, nlohmann::json secret_reference,
                                        std::string scope) {
  return [&host, client_id = std::move(client_id), reference = std::move(secret_reference),
          scope = std::move(scope)](std::int64_t) {
    Grant grant;
    std::string secret;
    try {
      secret = host.secret(reference);
    } catch (const Error& e) {
      throw Error(LOBSYNC_E_CONFIG, "client_secret: the secret " + reference.dump() + " could not be resolved");
    }
    grant.form = "grant_type=client_credentials&client_id=" + url_encode(client_id) +
                 "&client_secret=" + url_encode(secret);
    if (!scope.empty()) grant.form += "&scope=" + url_encode(scope);
    grant.secrets.push_back(std::move(secret));
    return grant;
  };
}

}  // namespace lobsync::sdk::oauth2
