// TLS: STARTTLS and implicit TLS with a private CA, verification on by default (certificate and
// host name), no plain-text fallback, and verify_tls:false as a loud, explicit exception.
#include "smtp_fixture.h"

#include "core/log.h"
#include "support/stderr_capture.h"

namespace lobsync::plugin_host::tls_test {
namespace {

using nlohmann::json;
using Security = test::SmtpServerOptions::Security;

class TlsTest : public SmtpPluginTest {
 protected:
  test::SmtpServer tls_server(Security security, const test::TlsFiles& tls) {
    test::SmtpServerOptions options;
    options.security = security;
    options.tls = tls;
    return test::SmtpServer(options);
  }
};

TEST_F(TlsTest, StarttlsWithThePrivateCaDelivers) {
  const auto tls = test::make_self_signed_cert(scratch_.path());
  test::SmtpServer server = tls_server(Security::starttls, tls);
  auto instance = make(tls_settings(server, "starttls", tls));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(messages[0].tls);
  EXPECT_EQ(messages[0].raw, kMessage);
}

TEST_F(TlsTest, ImplicitTlsWithThePrivateCaDelivers) {
  const auto tls = test::make_self_signed_cert(scratch_.path());
  test::SmtpServer server = tls_server(Security::smtps, tls);
  auto instance = make(tls_settings(server, "smtps", tls));
  const auto sent = send(*instance, mail({"ouder@example.test", "mentor@school.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_TRUE(messages[0].tls);
  EXPECT_EQ(server.connections(), 1);  // one handshake for both transactions
}

TEST_F(TlsTest, AnUntrustedCertificateIsRefusedNamingTlsAndTheHost) {
  const auto tls = test::make_self_signed_cert(scratch_.path());
  test::SmtpServer server = tls_server(Security::starttls, tls);
  auto settings = tls_settings(server, "starttls", tls);
  settings.erase("ca_file");  // the system store does not know the test CA
  auto instance = make(settings);
  const auto sent = send(*instance, mail({"ouder1@example.test", "ouder2@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::unavailable) << sent.result.error;
  EXPECT_NE(sent.result.error.find("TLS"), std::string::npos) << sent.result.error;
  EXPECT_NE(sent.result.error.find("127.0.0.1"), std::string::npos) << sent.result.error;
  EXPECT_EQ(sent.docs, (std::vector<json>{result_doc("ouder1@example.test", "deferred", 220),
                                          result_doc("ouder2@example.test", "deferred", 0)}));
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(TlsTest, ACertificateForAnotherNameIsRefusedEvenWithItsCa) {
  const auto tls = test::make_self_signed_cert(scratch_.path(), "mail.school.test");
  test::SmtpServer server = tls_server(Security::smtps, tls);
  auto instance = make(tls_settings(server, "smtps", tls));  // connects to 127.0.0.1
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::unavailable) << sent.result.error;
  EXPECT_NE(sent.result.error.find("TLS with 127.0.0.1"), std::string::npos) << sent.result.error;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(TlsTest, StarttlsNeverFallsBackToPlainText) {
  const auto tls = test::make_self_signed_cert(scratch_.path());
  test::SmtpServer server;  // plain: offers no STARTTLS
  auto instance = make(tls_settings(server, "starttls", tls));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::unavailable) << sent.result.error;
  EXPECT_NE(sent.result.error.find("STARTTLS"), std::string::npos) << sent.result.error;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(TlsTest, VerifyTlsFalseSendsButWarnsOnce) {
  const auto tls = test::make_self_signed_cert(scratch_.path());
  test::SmtpServer server = tls_server(Security::starttls, tls);
  auto settings = tls_settings(server, "starttls", tls);
  settings.erase("ca_file");
  settings["verify_tls"] = false;
  std::string logged;
  {
    test::StderrCapture capture(scratch_ / "stderr.log");
    auto instance = make(settings);
    ASSERT_TRUE(send(*instance, mail({"ouder@example.test"}, kMessage, "k1")).result.ok());
    ASSERT_TRUE(send(*instance, mail({"mentor@school.test"}, kMessage, "k2")).result.ok());
    logged = capture.finish();
  }
  EXPECT_EQ(server.messages().size(), 2u);
  const auto first = logged.find("verify_tls is false");
  ASSERT_NE(first, std::string::npos) << logged;
  EXPECT_EQ(logged.find("verify_tls is false", first + 1), std::string::npos) << "warned more than once:\n" << logged;
}

}  // namespace
}  // namespace lobsync::plugin_host::tls_test
