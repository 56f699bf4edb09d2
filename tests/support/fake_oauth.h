// The fake OAuth token endpoint (tests/fakes/oauth/token_server.py) as tests set it up: the
// credentials of a test app registration and a Google service account written to a scratch
// folder, its config file, and its controls (/_control, /_stats) over the host's HTTP client.
// The endpoint itself runs inside the fake that uses its tokens (SMTP, Graph).
#pragma once

#include "support/fake_controls.h"
#include "support/smtp_server.h"
#include "support/test_env.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace lobsync::test {

struct FakeOAuthApp {
  static constexpr const char* kTenant = "school.test";
  static constexpr const char* kSecretClient = "11111111-aaaa-4bbb-8ccc-000000000001";
  static constexpr const char* kCertificateClient = "11111111-aaaa-4bbb-8ccc-000000000002";
  static constexpr const char* kClientSecret = "Qx8~client.Secret_Value-0042";
  static constexpr const char* kServiceAccount = "lobsync@school-test.iam.gserviceaccount.com";
  static constexpr const char* kMailbox = "planner@school.test";

  // Makes the app's certificate and key, the service account's key file and the config in `dir`.
  explicit FakeOAuthApp(const std::filesystem::path& dir, int lifetime_seconds = 3599)
      : app(make_rsa_signing_cert(dir, "lobsync-app")), account(make_rsa_signing_cert(dir, "service-account")) {
    service_account_key = dir / "service-account.json";
    write_secret_file(service_account_key, nlohmann::json{{"type", "service_account"},
                                                          {"client_email", kServiceAccount},
                                                          {"private_key_id", "0123abcd"},
                                                          {"private_key", read_file(account.key)},
                                                          {"token_uri", "https://oauth2.googleapis.com/token"}}
                                               .dump());
    config = dir / "oauth.json";
    write_file(config, nlohmann::json{{"microsoft",
                                       {{"tenant", kTenant},
                                        {"clients",
                                         {{{"client_id", kSecretClient}, {"secret", kClientSecret}},
                                          {{"client_id", kCertificateClient}, {"certificate", app.cert.string()}}}}}},
                                      {"google",
                                       {{"accounts", {{{"client_email", kServiceAccount}, {"certificate", account.cert.string()}}}},
                                        {"subjects", {kMailbox}}}},
                                      {"lifetime", lifetime_seconds}}
                           .dump());
  }

  TlsFiles app;      // the certificate uploaded to the app registration, and its key
  TlsFiles account;  // the service account's key pair
  std::filesystem::path service_account_key;
  std::filesystem::path config;
};

// Controls of a running token endpoint at http://127.0.0.1:<port>.
class FakeOAuthControl : public FakeControls {
 public:
  explicit FakeOAuthControl(int port) : FakeControls("fake token endpoint", "http://127.0.0.1:" + std::to_string(port)) {}
};

}  // namespace lobsync::test
