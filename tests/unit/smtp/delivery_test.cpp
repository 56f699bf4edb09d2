// Delivery to a plain relay on loopback: the message arrives byte for byte, one transaction per
// recipient, connections are reused, and a retried key never delivers twice.
#include "smtp_fixture.h"

namespace lobsync::plugin_host::delivery_test {
namespace {

using nlohmann::json;

class DeliveryTest : public SmtpPluginTest {};

TEST_F(DeliveryTest, TheMessageArrivesByteForByteWithItsEnvelope) {
  test::SmtpServer server;
  auto instance = make(plain_settings(server));
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  EXPECT_EQ(sent.docs, std::vector<json>{result_doc("ouder@example.test", "sent", 250)});

  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].raw, kMessage);  // dot-stuffed on the wire, undone by the server; no added headers
  EXPECT_EQ(messages[0].mail_from, "bounces@school.test");
  EXPECT_EQ(messages[0].rcpt, "ouder@example.test");
  EXPECT_EQ(messages[0].helo, "planner.school.test");
  EXPECT_FALSE(messages[0].tls);
}

TEST_F(DeliveryTest, BareLineFeedsAreSentAsCrlf) {
  test::SmtpServer server;
  auto instance = make(plain_settings(server));
  const auto sent = send(*instance, mail({"ouder@example.test"}, "Subject: x\n\nregel 1\n.\nregel 3"));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(server.messages()[0].raw, "Subject: x\r\n\r\nregel 1\r\n.\r\nregel 3\r\n");
}

TEST_F(DeliveryTest, EachRecipientGetsItsOwnTransactionOverOneConnection) {
  test::SmtpServer server;
  auto instance = make(plain_settings(server));
  const std::vector<std::string> to{"ouder1@example.test", "ouder2@example.test", "leerling@school.test"};
  const auto sent = send(*instance, mail(to));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  ASSERT_EQ(sent.docs.size(), 3u);

  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 3u);
  for (std::size_t i = 0; i < to.size(); ++i) {
    EXPECT_EQ(sent.docs[i], result_doc(to[i], "sent", 250));
    EXPECT_EQ(messages[i].rcpt, to[i]);
    EXPECT_EQ(messages[i].raw, kMessage);
    EXPECT_EQ(messages[i].meta["envelope_rcpts"], json::array({to[i]}));  // one RCPT per transaction
    EXPECT_EQ(messages[i].connection, 1);
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(DeliveryTest, TwoMessagesReuseOneConnection) {
  test::SmtpServer server;
  auto instance = make(plain_settings(server));
  ASSERT_TRUE(send(*instance, mail({"ouder@example.test"}, kMessage, "k1")).result.ok());
  ASSERT_TRUE(send(*instance, mail({"mentor@school.test"}, kMessage, "k2")).result.ok());
  EXPECT_EQ(server.messages().size(), 2u);
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(DeliveryTest, AConnectionTheServerClosedWhileIdleIsReplaced) {
  test::SmtpServerOptions options;
  options.idle_timeout_seconds = 0.3;
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  ASSERT_TRUE(send(*instance, mail({"ouder@example.test"}, kMessage, "k1")).result.ok());
  server.wait_for_closed_connections(1);  // the server hung up on the idle connection
  const auto second = send(*instance, mail({"mentor@school.test"}, kMessage, "k2"));
  ASSERT_TRUE(second.result.ok()) << second.result.error;
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].rcpt, "mentor@school.test");
  EXPECT_EQ(messages[1].connection, 2);
}

TEST_F(DeliveryTest, AReusedConnectionThatDiesBeforeAnyReplyIsRetriedOnAFreshOne) {
  test::SmtpServerOptions options;
  options.hangup_after = 1;  // every connection serves one transaction, then drops silently
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  ASSERT_TRUE(send(*instance, mail({"ouder@example.test"}, kMessage, "k1")).result.ok());
  const auto second = send(*instance, mail({"mentor@school.test"}, kMessage, "k2"));
  ASSERT_TRUE(second.result.ok()) << second.result.error;
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 2u);  // each once
  EXPECT_EQ(messages[1].rcpt, "mentor@school.test");
  EXPECT_EQ(messages[1].connection, 2);
}

TEST_F(DeliveryTest, ARetriedKeySkipsRecipientsAlreadySent) {
  test::SmtpServerOptions options;
  options.tempfail = {"druk"};
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  const auto request = mail({"ouder@example.test", "ouder@druk.example"}, kMessage, "outbox-42");

  const auto first = send(*instance, request);
  EXPECT_EQ(first.result.status, lobsync::plugin_host::CallStatus::unavailable) << first.result.error;
  const auto second = send(*instance, request);  // the host retries the same item
  EXPECT_EQ(second.result.status, lobsync::plugin_host::CallStatus::unavailable) << second.result.error;
  ASSERT_EQ(second.docs.size(), 2u);
  EXPECT_EQ(second.docs[0], (json{{"recipient", "ouder@example.test"}, {"status", "sent"}, {"code", 250},
                                  {"duplicate", true}}));
  EXPECT_EQ(second.docs[1], result_doc("ouder@druk.example", "deferred", 451));
  EXPECT_EQ(server.messages().size(), 1u);  // delivered once, not twice

  // Another key is another message: the same recipient gets it.
  ASSERT_TRUE(send(*instance, mail({"ouder@example.test"}, kMessage, "outbox-43")).result.ok());
  EXPECT_EQ(server.messages().size(), 2u);
}

TEST_F(DeliveryTest, HealthReportsTheServerWithoutConnecting) {
  test::SmtpServer server;
  auto instance = make(plain_settings(server));
  json health;
  ASSERT_TRUE(instance->health(health).ok());
  EXPECT_EQ(health, (json{{"ok", true}, {"host", "127.0.0.1"}, {"port", server.port()}, {"security", "none"}, {"auth", "none"}}));
  EXPECT_EQ(server.connections(), 0);
}

}  // namespace
}  // namespace lobsync::plugin_host::delivery_test
