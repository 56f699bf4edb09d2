// Malformed mail.send requests: refused as LOBSYNC_E_INVALID_ARGUMENT before anything reaches
// the server (not even a connection), naming the field or line, never quoting an address.
#include "smtp_fixture.h"

namespace lobsync::plugin_host::smtp_request_test {
namespace {

using nlohmann::json;
using namespace std::string_literals;

class RequestTest : public SmtpPluginTest {
 protected:
  RequestTest() : instance_(make(plain_settings(server_))) {}

  // Sends `request` and expects a refusal mentioning `text`, with nothing sent.
  void expect_refused(const json& request, const std::string& text) {
    const auto sent = send(*instance_, request);
    EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << sent.result.error;
    EXPECT_NE(sent.result.error.find(text), std::string::npos) << sent.result.error;
    EXPECT_TRUE(sent.docs.empty());
    EXPECT_EQ(server_.connections(), 0);
  }

  test::SmtpServer server_;
  std::unique_ptr<PluginInstance> instance_;
};

TEST_F(RequestTest, LineBreaksInTheSenderAreRefused) {
  auto request = mail({"ouder@example.test"});
  request["from"] = "bounces@school.test\r\nRCPT TO:stiekem@evil.test";
  expect_refused(request, "/from: contains a control character");
  request["from"] = "bounces@school.test\0x"s;
  expect_refused(request, "/from: contains a control character");
}

TEST_F(RequestTest, InjectionThroughARecipientIsRefusedWithoutQuotingIt) {
  auto request = mail({"ouder@example.test", "ouder2@example.test\r\nDATA"});
  const auto sent = send(*instance_, request);
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  EXPECT_NE(sent.result.error.find("/recipients/1: contains a control character"), std::string::npos)
      << sent.result.error;
  EXPECT_EQ(sent.result.error.find("ouder2"), std::string::npos) << sent.result.error;
  EXPECT_EQ(server_.connections(), 0);  // the good first recipient was not sent either
}

TEST_F(RequestTest, AngleBracketsSpacesAndNonAddressesAreRefused) {
  expect_refused(mail({"<ouder@example.test>"}), "/recipients/0: contains < or >");
  expect_refused(mail({"ouder@example.test NOTIFY=NEVER"}), "/recipients/0: contains a space");
  expect_refused(mail({"ouder.example.test"}), "/recipients/0: is not an address");
  expect_refused(mail({"ouder@"}), "/recipients/0: is not an address");
  expect_refused(mail({"@example.test"}), "/recipients/0: is not an address");
  expect_refused(mail({std::string(250, 'a') + "@example.test"}), "longer than 254 octets");
}

TEST_F(RequestTest, MissingAndMistypedFieldsAreAllNamed) {
  const auto sent = send(*instance_, json{{"from", 7}, {"recipients", json::array()}});
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  for (const char* expected : {"/idempotency_key: missing", "/from: must be a string",
                               "/recipients: must be a non-empty list", "/message: missing"}) {
    EXPECT_NE(sent.result.error.find(expected), std::string::npos) << expected << " in " << sent.result.error;
  }
  expect_refused(json{{"idempotency_key", ""}, {"from", "a@b.test"}, {"recipients", {"c@d.test"}}, {"message", "x"}},
                 "/idempotency_key: is empty");
  expect_refused(mail({"ouder@example.test"}, ""), "/message: is empty");
  expect_refused(json{{"idempotency_key", "k"}, {"from", "a@b.test"}, {"recipients", {"c@d.test", 5}},
                      {"message", "x"}},
                 "/recipients/1: must be a string");
  expect_refused(json::array({1, 2}), "must be a JSON object");
}

TEST_F(RequestTest, ARepeatedRecipientIsRefused) {
  expect_refused(mail({"ouder@example.test", "mentor@school.test", "ouder@example.test"}),
                 "/recipients/2: repeats an earlier recipient");
}

TEST_F(RequestTest, ANulByteInTheMessageIsRefusedNamingTheLine) {
  expect_refused(mail({"ouder@example.test"}, "Subject: x\r\n\r\nregel\0drie\r\n"s),
                 "/message line 3 contains a NUL byte");
}

TEST_F(RequestTest, ABareCarriageReturnIsRefusedNamingTheLine) {
  expect_refused(mail({"ouder@example.test"}, "Subject: x\r\n\r\nhalf\rregel\r\n"), "/message line 3 has a bare CR");
}

TEST_F(RequestTest, LinesLongerThan998OctetsAreRefusedAndExactly998Pass) {
  const std::string head = "Subject: x\r\n\r\n";
  expect_refused(mail({"ouder@example.test"}, head + std::string(999, 'x') + "\r\n"),
                 "/message line 3 is longer than 998 octets");
  const auto sent = send(*instance_, mail({"ouder@example.test"}, head + std::string(998, 'x') + "\r\n"));
  ASSERT_TRUE(sent.result.ok()) << sent.result.error;
  ASSERT_EQ(server_.messages().size(), 1u);
  EXPECT_EQ(server_.messages()[0].raw, head + std::string(998, 'x') + "\r\n");
}

}  // namespace
}  // namespace lobsync::plugin_host::smtp_request_test
