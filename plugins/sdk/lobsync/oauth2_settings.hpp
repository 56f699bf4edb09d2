// The settings every plugin that signs in to Microsoft 365 or Google Workspace takes, declared
// once (settings.hpp) so the smtp and microsoft365 plugins name them, check them and describe
// them alike, and the TokenSource they make (oauth2.hpp, oauth2_assertions.hpp).
//
// Microsoft (client credentials): tenant, client_id, and either client_secret or certificate +
// private_key; authority_url defaults to the public cloud. Google (service account with
// domain-wide delegation): service_account_key; google_token_url defaults to Google's.
#pragma once

#include <lobsync/oauth2_assertions.hpp>
#include <lobsync/settings.hpp>

#include <string>
#include <vector>

namespace lobsync::sdk::oauth2 {

inline const char* const kMicrosoftAuthority = "https://login.microsoftonline.com";
inline const char* const kGoogleTokenUrl = "https://oauth2.googleapis.com/token";

namespace detail {

// A directory (tenant) ID or a verified domain: it becomes a path segment of the token URL.
inline std::string tenant_check(const nlohmann::json& value) {
  const auto& text = value.get_ref<const std::string&>();
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return "must be the directory (tenant) ID or a verified domain of the tenant, e.g. school.example";
  }
  return {};
}

}  // namespace detail

// Microsoft's settings; `required` says whether tenant and client_id are always needed (the
// microsoft365 plugin) or only when another setting chooses OAuth (then the plugin's own rule
// asks for them).
inline std::vector<settings::Setting> microsoft_settings(bool required) {
  using namespace settings;
  std::vector<Setting> out;
  out.push_back(text("tenant").check(detail::tenant_check).describe(
      "the Microsoft 365 tenant: its directory (tenant) ID or a verified domain"));
  out.push_back(text("client_id").describe("the application (client) ID of the app registration"));
  out[0].is_required = out[1].is_required = required;
  out.push_back(secret("client_secret").describe(
      "the client secret's Value (not its Secret ID); give this or certificate + private_key"));
  out.push_back(path("certificate", PathUse::read_file)
                    .together_with("private_key")
                    .describe("the PEM certificate uploaded to the app registration; the token request is signed with "
                              "its key instead of sending a secret"));
  out.push_back(secret("private_key")
                    .together_with("certificate")
                    .describe("the certificate's RSA private key (unencrypted PEM, at least 2048 bits), e.g. {\"file\": …}"));
  out.push_back(url("authority_url")
                    .without_query()
                    .default_to(kMicrosoftAuthority)
                    .describe("the Microsoft identity platform; tokens come from <authority_url>/<tenant>/oauth2/v2.0/token"));
  return out;
}

// One of client_secret and certificate, never both; tenant and client_id unless the declaration
// requires them already (microsoft_settings(true)).
inline void check_microsoft_credentials(const settings::Values& values, Problems& problems, bool ids_declared_required) {
  const bool secret = values.given("client_secret");
  const bool certificate = values.given("certificate") || values.given("private_key");
  if (!ids_declared_required) {
    if (!values.given("tenant")) problems.add("/tenant", "missing: the Microsoft 365 tenant (directory ID or domain)");
    if (!values.given("client_id")) problems.add("/client_id", "missing: the app registration's application (client) ID");
  }
  if (secret && certificate) {
    problems.add("/client_secret", "give client_secret or certificate + private_key, not both");
  } else if (!secret && !certificate) {
    problems.add("/client_secret", "missing: client_secret, or certificate + private_key");
  }
}

inline std::string microsoft_token_url(const settings::Values& values) {
  std::string authority = values.text("authority_url");
  while (!authority.empty() && authority.back() == '/') authority.pop_back();
  return authority + "/" + values.text("tenant") + "/oauth2/v2.0/token";
}

// The grant for `scope` from checked settings.
inline GrantBuilder microsoft_grant(const Host& host, const settings::Values& values, const std::string& scope) {
  if (values.given("certificate")) {
    return certificate_grant(host, values.text("client_id"), values.raw("private_key"), values.text("certificate"),
                             scope, microsoft_token_url(values));
  }
  return client_secret_grant(host, values.text("client_id"), values.raw("client_secret"), scope);
}

// Google's settings (never required by themselves: a plugin's rule decides).
inline std::vector<settings::Setting> google_settings() {
  using namespace settings;
  return {secret("service_account_key")
              .describe("the Google service account's JSON key file (e.g. {\"file\": …}); the account needs "
                        "domain-wide delegation for the scope"),
          url("google_token_url").without_query().default_to(kGoogleTokenUrl).describe("Google's OAuth 2.0 token endpoint")};
}

inline GrantBuilder google_grant(const Host& host, const settings::Values& values, const std::string& scope,
                                 const std::string& subject) {
  return service_account_grant(host, values.raw("service_account_key"), scope, subject, values.text("google_token_url"));
}

}  // namespace lobsync::sdk::oauth2
