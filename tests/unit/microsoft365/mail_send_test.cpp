// mail.send through Graph's sendMail: the host's MIME bytes arrive unchanged (an iMIP invitation
// stays text/calendar with its METHOD), the token is renewed on a 401 and after its lifetime,
// throttling is waited out, a send whose answer was lost is found in Sent Items instead of being
// sent again, and Graph's refusals become messages that name the permission.
#include "microsoft365_fixture.h"
#include "support/mail_send_request.h"

namespace lobsync::plugin_host::microsoft365_mail_send_test {
namespace {

using nlohmann::json;

using test::base64_decoded;
using test::kTestInvitation;

json mail(const std::string& key = "outbox-1", const std::string& message = kTestInvitation) {
  return test::mail_send_request(key, message);
}

class Microsoft365MailSendTest : public Microsoft365Test {};

TEST_F(Microsoft365MailSendTest, TheMimeMessageArrivesByteForByte) {
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0], (json{{"recipient", "mentor.a@school.test"}, {"status", "sent"}, {"code", 202}}));
  const auto stats = graph_.stats();
  ASSERT_EQ(stats["messages"].size(), 1u);
  EXPECT_EQ(base64_decoded(stats["messages"][0]), kTestInvitation);
  EXPECT_NE(base64_decoded(stats["messages"][0]).find("method=REQUEST"), std::string::npos);
  EXPECT_EQ(stats["token"]["issued"], 1);
}

TEST_F(Microsoft365MailSendTest, ACertificateCredentialSendsToo) {
  auto instance = make(certificate_settings());
  const auto r = call(*instance, "mail.send", mail());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  const auto stats = graph_.stats();
  EXPECT_EQ(stats["sendmail"], 1);
  EXPECT_EQ(stats["token"]["assertions"], 1);
}

TEST_F(Microsoft365MailSendTest, TheSameKeyIsNotSentTwice) {
  auto instance = make(settings());
  ASSERT_TRUE(call(*instance, "mail.send", mail("k1")).result.ok());
  const auto again = call(*instance, "mail.send", mail("k1"));
  ASSERT_TRUE(again.result.ok()) << again.result.error;
  EXPECT_EQ(again.docs[0]["duplicate"], true);
  EXPECT_EQ(graph_.stats()["sendmail"], 1);
}

TEST_F(Microsoft365MailSendTest, ALostAnswerIsFoundInSentItemsAndNotSentAgain) {
  graph_.control({{"lose_response", 1}});  // carried out, but the answer is a 504
  auto instance = make(settings());
  const auto first = call(*instance, "mail.send", mail("k1"));
  EXPECT_EQ(first.result.status, CallStatus::unavailable) << first.result.error;
  const int carried_out = graph_.stats()["sendmail"];
  EXPECT_EQ(carried_out, 1);  // a 504 is not retried by the host: the outcome is unknown
  // The outbox retries later (also after a restart: a new instance knows nothing of the first).
  auto restarted = make(settings());
  const auto retry = call(*restarted, "mail.send", mail("k1"));
  ASSERT_TRUE(retry.result.ok()) << retry.result.error;
  EXPECT_EQ(retry.docs[0]["duplicate"], true);
  EXPECT_EQ(graph_.stats()["sendmail"], carried_out);  // nothing more was sent
}

TEST_F(Microsoft365MailSendTest, WithoutTheSentItemsCheckALostAnswerIsSentAgain) {
  graph_.control({{"lose_response", 1}});
  auto s = settings();
  s["check_sent_items"] = false;
  auto instance = make(s);
  EXPECT_EQ(call(*instance, "mail.send", mail("k1")).result.status, CallStatus::unavailable);
  ASSERT_TRUE(call(*instance, "mail.send", mail("k1")).result.ok());  // the outbox's retry
  EXPECT_EQ(graph_.stats()["sent"]["<inv-0001@school.test>"], 2);     // honest: a repeat
}

TEST_F(Microsoft365MailSendTest, ThrottlingIsWaitedOutWithRetryAfter) {
  graph_.control({{"throttle", 2}});
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(graph_.stats()["throttled"], 2);
  ASSERT_GE(waits_.size(), 2u);
  EXPECT_EQ(waits_[0], std::chrono::seconds(1));  // Retry-After: 1
}

TEST_F(Microsoft365MailSendTest, ARevokedTokenIsRenewedOnceAndAnExpiredOneAfterItsLifetime) {
  auto instance = make(settings());
  ASSERT_TRUE(call(*instance, "mail.send", mail("k1")).result.ok());
  graph_.control({{"revoke_all", true}});
  ASSERT_TRUE(call(*instance, "mail.send", mail("k2")).result.ok());
  EXPECT_EQ(graph_.stats()["token"]["issued"], 2);
  advance(std::chrono::seconds(3600));
  ASSERT_TRUE(call(*instance, "mail.send", mail("k3")).result.ok());
  EXPECT_EQ(graph_.stats()["token"]["issued"], 3);
  EXPECT_EQ(graph_.stats()["unauthorized"], 1);  // only the revoked one was ever refused
}

TEST_F(Microsoft365MailSendTest, AMissingPermissionNamesItAndTheMailbox) {
  graph_.control({{"deny", "Mail.Send"}});
  auto s = settings();
  s["check_sent_items"] = false;
  auto instance = make(s);
  const auto r = call(*instance, "mail.send", mail());
  EXPECT_EQ(r.result.status, CallStatus::permanent) << r.result.error;
  EXPECT_NE(r.result.error.find("the app has no Mail.Send permission for mailbox lob-planner@school.test"),
            std::string::npos)
      << r.result.error;
  EXPECT_NE(r.result.error.find("ErrorAccessDenied"), std::string::npos) << r.result.error;
}

TEST_F(Microsoft365MailSendTest, ARecipientTheHeadersDoNotNameIsRefusedBeforeAnythingIsSent) {
  auto instance = make(settings());
  auto request = mail();
  request["recipients"].push_back("bcc-only@example.test");
  const auto r = call(*instance, "mail.send", request);
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument) << r.result.error;
  EXPECT_NE(r.result.error.find("/recipients/2"), std::string::npos) << r.result.error;
  EXPECT_EQ(graph_.stats()["sendmail"], 0);
}

TEST_F(Microsoft365MailSendTest, AWrongSecretIsAnAuthFailureNamingTheFix) {
  ::setenv(kSecretEnv, "not-the-secret", 1);
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail());
  EXPECT_EQ(r.result.status, CallStatus::auth) << r.result.error;
  EXPECT_NE(r.result.error.find("AADSTS7000215"), std::string::npos) << r.result.error;
  EXPECT_EQ(r.result.error.find("not-the-secret"), std::string::npos) << r.result.error;
}

}  // namespace
}  // namespace lobsync::plugin_host::microsoft365_mail_send_test
