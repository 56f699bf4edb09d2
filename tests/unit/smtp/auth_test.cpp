// SMTP AUTH inside STARTTLS: accepted credentials, refused ones as LOBSYNC_E_AUTH without the
// password anywhere, a LOGIN-only server (as Microsoft 365 is), and a missing secret at create.
#include "smtp_fixture.h"

#include "core/log.h"
#include "support/stderr_capture.h"

namespace lobsync::plugin_host::smtp_auth_test {
namespace {

using nlohmann::json;
using Security = test::SmtpServerOptions::Security;

class SmtpAuthTest : public SmtpPluginTest {
 protected:
  SmtpAuthTest() : tls_(test::make_self_signed_cert(scratch_.path())) {}

  test::SmtpServerOptions auth_server_options(const std::vector<std::string>& mechanisms = {}) const {
    test::SmtpServerOptions options;
    options.security = Security::starttls;
    options.tls = tls_;
    options.auth = std::string(kUser) + ":" + kPassword;
    options.auth_mechanisms = mechanisms;
    return options;
  }

  test::TlsFiles tls_;
};

TEST_F(SmtpAuthTest, TheRightPasswordDelivers) {
  test::SmtpServer server(auth_server_options());
  auto instance = make(with_login(tls_settings(server, "starttls", tls_)));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].authenticated_as, kUser);
  EXPECT_TRUE(messages[0].tls);
}

TEST_F(SmtpAuthTest, ALoginOnlyServerIsServed) {
  test::SmtpServer server(auth_server_options({"LOGIN"}));
  auto instance = make(with_login(tls_settings(server, "starttls", tls_)));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(server.messages()[0].authenticated_as, kUser);
}

TEST_F(SmtpAuthTest, AWrongPasswordIsAnAuthFailureThatNeverShowsThePassword) {
  test::SmtpServer server(auth_server_options());
  const std::string wrong = "wrong-Password-0815";
  ::setenv(kPasswordEnv, wrong.c_str(), 1);
  auto instance = make(with_login(tls_settings(server, "starttls", tls_)));
  log::init(log::Level::trace);
  std::string logged;
  SmtpPluginTest::Sent sent;
  {
    test::StderrCapture capture(scratch_ / "stderr.log");
    sent = send(*instance, mail({"ouder1@example.test", "ouder2@example.test"}));
    logged = capture.finish();
  }
  log::init(log::Level::info);
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::auth) << sent.result.error;
  EXPECT_NE(sent.result.error.find("535"), std::string::npos) << sent.result.error;
  // Refused once; the second recipient is not tried with credentials known to be wrong.
  EXPECT_EQ(sent.docs, (std::vector<json>{result_doc("ouder1@example.test", "deferred", 535),
                                          result_doc("ouder2@example.test", "deferred", 0)}));
  EXPECT_FALSE(logged.empty());  // the capture saw the plugin's lines, so the checks below mean something
  for (const auto& secret : {wrong, std::string(kPassword)}) {
    EXPECT_EQ(sent.result.error.find(secret), std::string::npos) << sent.result.error;
    EXPECT_EQ(logged.find(secret), std::string::npos) << logged;
  }
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpAuthTest, AServerThatWantsAuthWithoutCredentialsConfiguredIsAnAuthFailure) {
  test::SmtpServer server(auth_server_options());
  auto instance = make(tls_settings(server, "starttls", tls_));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::auth) << sent.result.error;
  EXPECT_NE(sent.result.error.find("530"), std::string::npos) << sent.result.error;
}

TEST_F(SmtpAuthTest, AnUnresolvableSecretFailsAtCreateNamingTheReference) {
  ::unsetenv(kPasswordEnv);
  auto settings = with_login(json{{"host", "smtp.office365.com"}});
  std::string error;
  EXPECT_FALSE(try_make(settings, error));
  EXPECT_NE(error.find(kPasswordEnv), std::string::npos) << error;
}

}  // namespace
}  // namespace lobsync::plugin_host::smtp_auth_test
