// Grants that sign a short-lived JWT instead of sending a secret (for TokenSource, oauth2.hpp):
//
// - Microsoft identity platform, client credentials with a certificate: the JWT is a client
//   assertion (RFC 7521/7523 client authentication) with header x5t / x5t#S256 and claims
//   aud = the token endpoint, iss = sub = client id, jti, nbf, iat, exp.
// - Google service account with domain-wide delegation: the JWT is itself the grant (RFC 7523
//   2.1, grant_type jwt-bearer) with iss = client_email, scope, aud, iat, exp (at most an hour)
//   and sub = the user to act as.
//
// Key material is read for every token request (a rotated file takes effect) and never quoted.
// A plugin that includes this links OpenSSL::Crypto.
#pragma once

#include <lobsync/oauth2.hpp>
#include <lobsync/oauth2_jwt.hpp>

#include <fstream>
#include <sstream>

namespace lobsync::sdk::oauth2 {

// How long an assertion is valid: Microsoft asks for a short one (5-10 minutes after nbf);
// Google allows at most an hour and is given the same few minutes here.
inline constexpr std::int64_t kAssertionLifetimeSeconds = 300;

inline const char* const kClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
inline const char* const kJwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

namespace detail {

inline std::string resolve(const Host& host, const nlohmann::json& reference, const std::string& setting) {
  try {
    return host.secret(reference);
  } catch (const Error&) {
    throw Error(LOBSYNC_E_CONFIG, setting + ": the secret " + reference.dump() + " could not be resolved");
  }
}

inline std::string read_text_file(const std::string& path, const std::string& setting) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(LOBSYNC_E_CONFIG, setting + ": " + path + " cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace detail

// The client assertion itself (exposed for tests and for checking settings at start).
inline std::string microsoft_client_assertion(const std::string& client_id, const std::string& token_url,
                                              const jwt::RsaKey& key, const jwt::Thumbprints& thumbprints,
                                              std::int64_t now_s) {
  const nlohmann::json header{{"x5t", thumbprints.sha1}, {"x5t#S256", thumbprints.sha256}};
  const nlohmann::json claims{{"aud", token_url}, {"iss", client_id},     {"sub", client_id},
                              {"jti", jwt::random_jti()}, {"nbf", now_s}, {"iat", now_s},
                              {"exp", now_s + kAssertionLifetimeSeconds}};
  return jwt::sign_rs256(header, claims, key);
}

// Client credentials with a certificate: `key_reference` resolves (via the host's secrets) to
// the PEM private key, `certificate_path` is the PEM certificate uploaded to the app registration.
inline GrantBuilder certificate_grant(const Host& host, std::string client_id, nlohmann::json key_reference,
                                      std::string certificate_path, std::string scope, std::string token_url) {
  return [&host, client_id = std::move(client_id), key_reference = std::move(key_reference),
          certificate_path = std::move(certificate_path), scope = std::move(scope),
          token_url = std::move(token_url)](std::int64_t now_ms) {
    const std::string pem = detail::resolve(host, key_reference, "private_key");
    const jwt::RsaKey key(pem, "private_key");
    const std::string certificate = detail::read_text_file(certificate_path, "certificate");
    const auto thumbprints = jwt::certificate_thumbprints(certificate, "certificate");
    if (!jwt::certificate_matches_key(certificate, key)) {
      throw Error(LOBSYNC_E_CONFIG, "certificate: does not belong to private_key");
    }
    Grant grant;
    std::string assertion = microsoft_client_assertion(client_id, token_url, key, thumbprints, now_ms / 1000);
    grant.form = "grant_type=client_credentials&client_id=" + url_encode(client_id) +
                 "&client_assertion_type=" + url_encode(kClientAssertionType) +
                 "&client_assertion=" + url_encode(assertion) + "&scope=" + url_encode(scope);
    grant.secrets = {std::move(assertion), pem};
    return grant;
  };
}

// The fields of a Google service account's JSON key file that a token request needs.
struct ServiceAccountKey {
  std::string client_email;
  std::string private_key;     // PEM; a credential
  std::string private_key_id;  // sent as "kid"; may be empty
};

// Reads the key file's text; errors name `setting` and the field, never a value.
inline ServiceAccountKey parse_service_account_key(std::string_view text, const std::string& setting) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object()) throw Error(LOBSYNC_E_CONFIG, setting + ": not a JSON service account key file");
  if (auto type = doc.find("type"); type != doc.end() && *type != "service_account") {
    throw Error(LOBSYNC_E_CONFIG, setting + ": \"type\" is not \"service_account\"");
  }
  auto field = [&](const char* name, bool required) {
    const auto it = doc.find(name);
    if (it != doc.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
    if (required) throw Error(LOBSYNC_E_CONFIG, setting + ": the key file has no \"" + name + "\"");
    return std::string();
  };
  return {field("client_email", true), field("private_key", true), field("private_key_id", false)};
}

inline std::string google_service_account_assertion(const ServiceAccountKey& account, const jwt::RsaKey& key,
                                                     const std::string& scope, const std::string& subject,
                                                     const std::string& token_url, std::int64_t now_s) {
  nlohmann::json header = nlohmann::json::object();
  if (!account.private_key_id.empty()) header["kid"] = account.private_key_id;
  nlohmann::json claims{{"iss", account.client_email}, {"scope", scope}, {"aud", token_url},
                        {"iat", now_s}, {"exp", now_s + kAssertionLifetimeSeconds}};
  if (!subject.empty()) claims["sub"] = subject;
  return jwt::sign_rs256(header, claims, key);
}

// Google service account: `key_file_reference` resolves to the JSON key file's text; `subject`
// is the mailbox to act as (domain-wide delegation).
inline GrantBuilder service_account_grant(const Host& host, nlohmann::json key_file_reference, std::string scope,
                                          std::string subject, std::string token_url) {
  return [&host, reference = std::move(key_file_reference), scope = std::move(scope), subject = std::move(subject),
          token_url = std::move(token_url)](std::int64_t now_ms) {
    const std::string text = detail::resolve(host, reference, "service_account_key");
    const auto account = parse_service_account_key(text, "service_account_key");
    const jwt::RsaKey key(account.private_key, "service_account_key");
    Grant grant;
    std::string assertion = google_service_account_assertion(account, key, scope, subject, token_url, now_ms / 1000);
    grant.form = "grant_type=" + url_encode(kJwtBearerGrantType) + "&assertion=" + url_encode(assertion);
    grant.secrets = {std::move(assertion), account.private_key};
    return grant;
  };
}

}  // namespace lobsync::sdk::oauth2
