// mail.send through Gmail's messages.send as the LOB mailbox: the host's MIME bytes arrive
// unchanged (base64url raw, or the media upload for a large message), the same key never sends
// twice, a send whose answer was lost is found by its Message-ID instead of being sent again,
// throttling is waited out, and Google's refusals become messages that name the fix.
#include "google_fixture.h"
#include "support/mail_send_request.h"

namespace lobsync::plugin_host::google_mail_send_test {
namespace {

using nlohmann::json;

using test::base64_decoded;
using test::kTestInvitation;

json mail(const std::string& key = "outbox-1", const std::string& message = kTestInvitation) {
  return test::mail_send_request(key, message);
}

class GoogleMailSendTest : public GoogleTest {};

TEST_F(GoogleMailSendTest, TheMimeMessageArrivesByteForByte) {
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0]["recipient"], "mentor.a@school.test");
  EXPECT_EQ(r.docs[0]["status"], "sent");
  EXPECT_FALSE(r.docs[0].contains("duplicate"));
  EXPECT_FALSE(r.docs[0].value("gmail_id", "").empty());
  const auto stats = google_.stats();
  EXPECT_EQ(stats["sends"], 1);
  EXPECT_EQ(stats["uploads"], 0);
  EXPECT_EQ(base64_decoded(stats["messages"][0]), kTestInvitation);
  EXPECT_EQ(stats["searches"], 1);  // looked for an earlier copy first
}

TEST_F(GoogleMailSendTest, ALargeMessageGoesThroughTheMediaUpload) {
  std::string big = kTestInvitation;
  big.insert(big.find("--b1--"), std::string(6 * 1024 * 1024, 'x') + "\r\n");
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail("big", big));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  const auto stats = google_.stats();
  EXPECT_EQ(stats["uploads"], 1);
  EXPECT_EQ(base64_decoded(stats["messages"][0]), big);
}

TEST_F(GoogleMailSendTest, AMessageOverGmailsLimitIsRefusedWithoutSending) {
  std::string huge = kTestInvitation;
  huge.insert(huge.find("--b1--"), std::string(36 * 1024 * 1024, 'x') + "\r\n");
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail("huge", huge));
  EXPECT_EQ(r.result.status, CallStatus::permanent) << r.result.error;
  EXPECT_NE(r.result.error.find("35 MB"), std::string::npos) << r.result.error;
  EXPECT_EQ(google_.stats()["sends"], 0);
}

TEST_F(GoogleMailSendTest, TheSameKeyIsNotSentTwice) {
  auto instance = make(settings());
  ASSERT_TRUE(call(*instance, "mail.send", mail("k1")).result.ok());
  const auto again = call(*instance, "mail.send", mail("k1"));
  ASSERT_TRUE(again.result.ok()) << again.result.error;
  EXPECT_EQ(again.docs[0]["duplicate"], true);
  auto restarted = make(settings());  // a new instance finds it by its Message-ID
  const auto after_restart = call(*restarted, "mail.send", mail("k1"));
  ASSERT_TRUE(after_restart.result.ok()) << after_restart.result.error;
  EXPECT_EQ(after_restart.docs[0]["duplicate"], true);
  EXPECT_EQ(google_.stats()["sends"], 1);
}

TEST_F(GoogleMailSendTest, ALostAnswerIsFoundByItsMessageIdAndNotSentAgain) {
  google_.control({{"lose_response", 1}});  // carried out, but the answer is a 500
  auto instance = make(settings());
  const auto first = call(*instance, "mail.send", mail("k1"));
  EXPECT_EQ(first.result.status, CallStatus::unavailable) << first.result.error;
  EXPECT_EQ(google_.stats()["sends"], 1);  // a 500 is not retried by the host: the outcome is unknown
  auto restarted = make(settings());
  const auto retry = call(*restarted, "mail.send", mail("k1"));
  ASSERT_TRUE(retry.result.ok()) << retry.result.error;
  EXPECT_EQ(retry.docs[0]["duplicate"], true);
  EXPECT_EQ(google_.stats()["sends"], 1);  // nothing more was sent
}

TEST_F(GoogleMailSendTest, WithoutTheSearchALostAnswerIsSentAgain) {
  google_.control({{"lose_response", 1}});
  auto s = settings();
  s["check_sent_messages"] = false;
  auto instance = make(s);
  EXPECT_EQ(call(*instance, "mail.send", mail("k1")).result.status, CallStatus::unavailable);
  ASSERT_TRUE(call(*instance, "mail.send", mail("k1")).result.ok());  // the outbox's retry
  EXPECT_EQ(google_.stats()["sent"]["<inv-0001@school.test>"], 2);     // honest: a repeat
  EXPECT_EQ(google_.stats()["searches"], 0);
}

TEST_F(GoogleMailSendTest, ThrottlingIsWaitedOutWithRetryAfter) {
  google_.control({{"throttle", 2}});
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(google_.stats()["throttled"], 2);
  const auto w = waits();
  ASSERT_GE(w.size(), 2u);
  EXPECT_EQ(w[0], std::chrono::seconds(1));  // Retry-After: 1
  EXPECT_EQ(google_.stats()["sends"], 1);
}

TEST_F(GoogleMailSendTest, ARateLimit403IsWaitedOutAndSendsOnce) {
  auto s = settings();
  s["check_sent_messages"] = false;
  auto instance = make(s);
  google_.control({{"rate_limit_403", 2}});
  const auto r = call(*instance, "mail.send", mail());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(google_.stats()["throttled"], 2);
  EXPECT_EQ(google_.stats()["sends"], 1);
}

TEST_F(GoogleMailSendTest, ARevokedTokenIsRenewedOnceAndAnExpiredOneAfterItsLifetime) {
  auto s = settings();
  s["check_sent_messages"] = false;
  auto instance = make(s);
  ASSERT_TRUE(call(*instance, "mail.send", mail("k1")).result.ok());
  google_.control({{"revoke_all", true}});
  ASSERT_TRUE(call(*instance, "mail.send", mail("k2")).result.ok());
  EXPECT_EQ(google_.stats()["token"]["issued"], 2);
  advance(std::chrono::seconds(3600));
  ASSERT_TRUE(call(*instance, "mail.send", mail("k3")).result.ok());
  EXPECT_EQ(google_.stats()["token"]["issued"], 3);
  EXPECT_EQ(google_.stats()["unauthorized"], 1);  // only the revoked one was ever refused
}

TEST_F(GoogleMailSendTest, AScopeWithoutDelegationNamesTheScope) {
  google_.control({{"undelegated_scopes", {"https://www.googleapis.com/auth/gmail.readonly"}}});
  auto instance = make(settings());
  const auto r = call(*instance, "mail.send", mail());
  EXPECT_EQ(r.result.status, CallStatus::auth) << r.result.error;
  EXPECT_NE(r.result.error.find("gmail.readonly"), std::string::npos) << r.result.error;
  EXPECT_NE(r.result.error.find("domain-wide delegation"), std::string::npos) << r.result.error;
  EXPECT_EQ(google_.stats()["sends"], 0);
}

TEST_F(GoogleMailSendTest, ARecipientTheHeadersDoNotNameIsRefusedBeforeAnythingIsSent) {
  auto instance = make(settings());
  auto request = mail();
  request["recipients"].push_back("bcc-only@example.test");
  const auto r = call(*instance, "mail.send", request);
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument) << r.result.error;
  EXPECT_NE(r.result.error.find("/recipients/2"), std::string::npos) << r.result.error;
  EXPECT_NE(r.result.error.find("Gmail"), std::string::npos) << r.result.error;
  EXPECT_EQ(google_.stats()["sends"], 0);
}

TEST_F(GoogleMailSendTest, AKeyThatIsNotTheAccountsIsAnAuthFailureAndNothingSecretIsQuoted) {
  // Another key pair under the same client_email: Google answers invalid_grant "Invalid JWT Signature."
  const auto other = test::make_rsa_signing_cert(scratch_.path(), "other-account");
  const std::string key = test::read_file(other.key);
  test::write_secret_file(scratch_ / "other.json", json{{"type", "service_account"},
                                                       {"client_email", test::FakeOAuthApp::kServiceAccount},
                                                       {"private_key", key}}
                                                      .dump());
  auto s = settings();
  s["service_account_key"] = {{"file", (scratch_ / "other.json").string()}};
  auto instance = make(s);
  const auto r = call(*instance, "mail.send", mail());
  EXPECT_EQ(r.result.status, CallStatus::auth) << r.result.error;
  EXPECT_NE(r.result.error.find("not (or no longer) a key of this service account"), std::string::npos) << r.result.error;
  EXPECT_EQ(r.result.error.find("PRIVATE KEY"), std::string::npos) << r.result.error;
}

}  // namespace
}  // namespace lobsync::plugin_host::google_mail_send_test
