// SMTP AUTH XOAUTH2 (auth "oauth2"): tokens from the fake Microsoft and Google token endpoints
// (tests/fakes/oauth/token_server.py, run inside the SMTP fake, which accepts only tokens it
// issued), a token kept and renewed after its lifetime, a refused token (535) renewed once,
// refusals as LOBSYNC_E_AUTH with the fix named and no secret, and the settings' rules.
#include "smtp_fixture.h"

#include "core/log.h"
#include "support/fake_oauth.h"
#include "support/stderr_capture.h"

namespace lobsync::plugin_host::oauth_test {
namespace {

using nlohmann::json;
using Security = test::SmtpServerOptions::Security;
using App = test::FakeOAuthApp;

class OAuthTest : public SmtpPluginTest {
 protected:
  static constexpr const char* kSecretEnv = "LOBSYNC_TEST_SMTP_CLIENT_SECRET";

  OAuthTest() : tls_(test::make_self_signed_cert(scratch_.path())), app_(scratch_.path()) {
    ::setenv(kSecretEnv, App::kClientSecret, 1);
    // Assertions carry the host's time and the fake checks them against its own clock, which
    // starts at the real time; a test moves both together.
    clock_.set(instant_from_unix_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count()));
  }

  test::SmtpServerOptions options() const {
    test::SmtpServerOptions o;
    o.security = Security::starttls;
    o.tls = tls_;
    o.oauth_config = app_.config;
    return o;
  }

  json base(const test::SmtpServer& server) const {
    json s = tls_settings(server, "starttls", tls_);
    s["auth"] = "oauth2";
    s["username"] = App::kMailbox;
    return s;
  }

  json microsoft_secret(const test::SmtpServer& server) const {
    json s = base(server);
    s["tenant"] = App::kTenant;
    s["client_id"] = App::kSecretClient;
    s["client_secret"] = {{"env", kSecretEnv}};
    s["authority_url"] = "http://127.0.0.1:" + std::to_string(server.token_port());
    return s;
  }

  json microsoft_certificate(const test::SmtpServer& server) const {
    json s = base(server);
    s["tenant"] = App::kTenant;
    s["client_id"] = App::kCertificateClient;
    s["certificate"] = app_.app.cert.string();
    s["private_key"] = {{"file", app_.app.key.string()}};
    s["authority_url"] = "http://127.0.0.1:" + std::to_string(server.token_port());
    return s;
  }

  json google(const test::SmtpServer& server) const {
    json s = base(server);
    s["service_account_key"] = {{"file", app_.service_account_key.string()}};
    s["google_token_url"] = "http://127.0.0.1:" + std::to_string(server.token_port()) + "/token";
    return s;
  }

  test::TlsFiles tls_;
  App app_;
};

TEST_F(OAuthTest, AClientSecretTokenDeliversThroughXoauth2) {
  test::SmtpServer server(options());
  test::FakeOAuthControl endpoint(server.token_port());
  auto instance = make(microsoft_secret(server));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].authenticated_as, App::kMailbox);
  EXPECT_TRUE(messages[0].tls);
  EXPECT_EQ(messages[0].raw, kMessage);
  EXPECT_EQ(endpoint.stats()["issued"], 1);
  EXPECT_EQ(server.auth_counts()["xoauth2_ok"], 1);
}

TEST_F(OAuthTest, ACertificateAssertionDeliversWithoutASecret) {
  test::SmtpServer server(options());
  test::FakeOAuthControl endpoint(server.token_port());
  auto instance = make(microsoft_certificate(server));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  ASSERT_EQ(server.messages().size(), 1u);
  const auto stats = endpoint.stats();
  EXPECT_EQ(stats["assertions"], 1);  // the fake verified the signature and the claims
  EXPECT_EQ(stats["issued"], 1);
}

TEST_F(OAuthTest, AGoogleServiceAccountSendsAsTheMailbox) {
  test::SmtpServer server(options());
  test::FakeOAuthControl endpoint(server.token_port());
  auto instance = make(google(server));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(server.messages()[0].authenticated_as, App::kMailbox);
  EXPECT_EQ(endpoint.stats()["assertions"], 1);
}

TEST_F(OAuthTest, AServiceAccountWithoutDelegationForTheMailboxIsRefused) {
  test::SmtpServer server(options());
  json s = google(server);
  s["username"] = "someone-else@school.test";
  auto instance = make(s);
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  EXPECT_EQ(sent.result.status, CallStatus::auth) << sent.result.error;
  EXPECT_NE(sent.result.error.find("domain-wide delegation"), std::string::npos) << sent.result.error;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(OAuthTest, ATokenIsKeptForItsLifetimeAndRenewedAfter) {
  test::SmtpServer server(options());
  test::FakeOAuthControl endpoint(server.token_port());
  auto instance = make(microsoft_secret(server));
  ASSERT_TRUE(send(*instance, mail({"a@example.test"}, kMessage, "k1")).result.ok());
  ASSERT_TRUE(send(*instance, mail({"b@example.test"}, kMessage, "k2")).result.ok());
  EXPECT_EQ(endpoint.stats()["issued"], 1);
  clock_.advance(std::chrono::hours(1));  // past expires_in (3599 s) minus the minute in hand
  endpoint.control({{"advance_seconds", 3600}});
  ASSERT_TRUE(send(*instance, mail({"c@example.test"}, kMessage, "k3")).result.ok());
  EXPECT_EQ(endpoint.stats()["issued"], 2);
  EXPECT_EQ(server.messages().size(), 3u);
}

TEST_F(OAuthTest, ARefusedTokenIsRenewedOnceAndTheMessageStillArrives) {
  test::SmtpServerOptions o = options();
  o.hangup_after = 1;  // the open connection is gone for the next message, so AUTH again
  test::SmtpServer server(o);
  test::FakeOAuthControl endpoint(server.token_port());
  auto instance = make(microsoft_secret(server));
  ASSERT_TRUE(send(*instance, mail({"a@example.test"}, kMessage, "k1")).result.ok());
  endpoint.control({{"revoke_all", true}});  // revoked although its lifetime says otherwise
  const auto sent = send(*instance, mail({"b@example.test"}, kMessage, "k2"));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  EXPECT_EQ(endpoint.stats()["issued"], 2);
  EXPECT_EQ(server.messages().size(), 2u);
}

TEST_F(OAuthTest, ATokenRefusedTwiceIsAnAuthFailureWithoutEndlessRenewal) {
  test::SmtpServerOptions o = options();
  std::filesystem::create_directories(scratch_ / "expiring");
  test::FakeOAuthApp expiring(scratch_ / "expiring", 0);  // every token it issues is dead at once
  o.oauth_config = expiring.config;
  test::SmtpServer server(o);
  test::FakeOAuthControl endpoint(server.token_port());
  auto instance = make(microsoft_secret(server));
  const auto sent = send(*instance, mail({"a@example.test", "b@example.test"}));
  EXPECT_EQ(sent.result.status, CallStatus::auth) << sent.result.error;
  EXPECT_EQ(endpoint.stats()["issued"], 2);
  EXPECT_EQ(server.auth_counts()["xoauth2_refused"], 2);
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(OAuthTest, AWrongSecretNamesTheFixAndNeverShowsTheSecret) {
  test::SmtpServer server(options());
  const std::string wrong = "wrong~Secret.Value-1234";
  ::setenv(kSecretEnv, wrong.c_str(), 1);
  auto instance = make(microsoft_secret(server));
  log::init(log::Level::trace);
  std::string logged;
  SmtpPluginTest::Sent sent;
  {
    test::StderrCapture capture(scratch_ / "stderr.log");
    sent = send(*instance, mail({"ouder@example.test"}));
    logged = capture.finish();
  }
  log::init(log::Level::info);
  EXPECT_EQ(sent.result.status, CallStatus::auth) << sent.result.error;
  EXPECT_NE(sent.result.error.find("AADSTS7000215"), std::string::npos) << sent.result.error;
  EXPECT_NE(sent.result.error.find("not its Secret ID"), std::string::npos) << sent.result.error;
  for (const std::string& secret : {wrong, std::string(App::kClientSecret)}) {
    EXPECT_EQ(sent.result.error.find(secret), std::string::npos);
    EXPECT_EQ(logged.find(secret), std::string::npos) << logged;
  }
  EXPECT_EQ(logged.find("fake-"), std::string::npos) << logged;  // no token either
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(OAuthTest, AMissingKeyFileFailsAtStartNamingTheSetting) {
  test::SmtpServer server(options());
  json s = microsoft_certificate(server);
  s["private_key"] = {{"file", (scratch_ / "no-such.key").string()}};
  std::string error;
  EXPECT_EQ(try_make(s, error), nullptr);
  EXPECT_NE(error.find("private_key"), std::string::npos) << error;
}

}  // namespace
}  // namespace lobsync::plugin_host::oauth_test
