// Refusals and outages: every recipient gets an exact status, the call's status says whether to
// retry (UNAVAILABLE) or not (PERMANENT), and addresses never reach the log.
#include "smtp_fixture.h"

#include "core/log.h"
#include "support/stderr_capture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lobsync::plugin_host::failures_test {
namespace {

using nlohmann::json;

class FailuresTest : public SmtpPluginTest {};

// A TCP socket on a free loopback port that either refuses connections (bound, not listening)
// or accepts them into its backlog and never says a word (listening, never accepting).
class SilentPort {
 public:
  explicit SilentPort(bool listen) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        (listen && ::listen(fd_, 8) != 0) ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("cannot set up a loopback socket");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentPort() { ::close(fd_); }
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

TEST_F(FailuresTest, OneRejectedRecipientDoesNotStopTheOthersButTheCallIsPermanent) {
  test::SmtpServerOptions options;
  options.reject = {"onbekend"};
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  const auto sent = send(*instance, mail({"ouder1@example.test", "onbekend@example.test", "ouder2@example.test"}));

  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::permanent) << sent.result.error;
  EXPECT_NE(sent.result.error.find("550"), std::string::npos) << sent.result.error;
  EXPECT_NE(sent.result.error.find("2 of 3 recipients sent"), std::string::npos) << sent.result.error;
  EXPECT_EQ(sent.result.error.find("onbekend"), std::string::npos) << "no addresses in errors";
  EXPECT_EQ(sent.docs, (std::vector<json>{result_doc("ouder1@example.test", "sent", 250),
                                          result_doc("onbekend@example.test", "rejected", 550),
                                          result_doc("ouder2@example.test", "sent", 250)}));
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].rcpt, "ouder1@example.test");
  EXPECT_EQ(messages[1].rcpt, "ouder2@example.test");
}

TEST_F(FailuresTest, ATemporaryRefusalIsUnavailable) {
  test::SmtpServerOptions options;
  options.tempfail = {"vol"};
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  const auto sent = send(*instance, mail({"postbus@vol.example"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::unavailable) << sent.result.error;
  EXPECT_NE(sent.result.error.find("451"), std::string::npos) << sent.result.error;
  EXPECT_EQ(sent.docs, std::vector<json>{result_doc("postbus@vol.example", "deferred", 451)});
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(FailuresTest, DeferredOutranksRejectedSoTheItemIsRetried) {
  test::SmtpServerOptions options;
  options.reject = {"onbekend"};
  options.tempfail = {"vol"};
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  const auto sent = send(*instance, mail({"onbekend@example.test", "postbus@vol.example", "ouder@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::unavailable) << sent.result.error;
  EXPECT_EQ(sent.docs, (std::vector<json>{result_doc("onbekend@example.test", "rejected", 550),
                                          result_doc("postbus@vol.example", "deferred", 451),
                                          result_doc("ouder@example.test", "sent", 250)}));
}

TEST_F(FailuresTest, ARefusedSenderRejectsEveryRecipient) {
  test::SmtpServerOptions options;
  options.reject_sender = {"bounces@"};
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  const auto sent = send(*instance, mail({"ouder1@example.test", "ouder2@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::permanent) << sent.result.error;
  EXPECT_NE(sent.result.error.find("MAIL"), std::string::npos) << sent.result.error;  // libcurl names the stage
  EXPECT_EQ(sent.docs, (std::vector<json>{result_doc("ouder1@example.test", "rejected", 550),
                                          result_doc("ouder2@example.test", "rejected", 550)}));
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(FailuresTest, RefusalsAfterDataAreMappedLikeRecipientRefusals) {
  test::SmtpServerOptions options;
  options.reject_data = {"VIRUS"};
  options.tempfail_data = {"GRIJSLIJST"};
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));

  const auto rejected = send(*instance, mail({"ouder@example.test"}, "Subject: VIRUS\r\n\r\nx\r\n", "k1"));
  EXPECT_EQ(rejected.result.status, lobsync::plugin_host::CallStatus::permanent) << rejected.result.error;
  EXPECT_EQ(rejected.docs, std::vector<json>{result_doc("ouder@example.test", "rejected", 554)});

  const auto deferred = send(*instance, mail({"ouder@example.test"}, "Subject: GRIJSLIJST\r\n\r\nx\r\n", "k2"));
  EXPECT_EQ(deferred.result.status, lobsync::plugin_host::CallStatus::unavailable) << deferred.result.error;
  EXPECT_EQ(deferred.docs, std::vector<json>{result_doc("ouder@example.test", "deferred", 451)});
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(FailuresTest, AServerThatIsNotListeningIsUnavailableAndTriedOnce) {
  SilentPort closed(false);
  auto settings = json{{"host", "127.0.0.1"}, {"port", closed.port()}, {"security", "none"}, {"allow_plaintext", true}};
  auto instance = make(settings);
  const auto sent = send(*instance, mail({"ouder1@example.test", "ouder2@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::unavailable) << sent.result.error;
  EXPECT_NE(sent.result.error.find("127.0.0.1:" + std::to_string(closed.port())), std::string::npos)
      << sent.result.error;
  // The second recipient is not tried against a server that is known to be down.
  EXPECT_EQ(sent.docs, (std::vector<json>{result_doc("ouder1@example.test", "deferred", 0),
                                          result_doc("ouder2@example.test", "deferred", 0)}));
}

TEST_F(FailuresTest, AServerThatNeverGreetsTimesOutAsUnavailable) {
  SilentPort mute(true);
  auto settings = json{{"host", "127.0.0.1"}, {"port", mute.port()}, {"security", "none"},
                       {"allow_plaintext", true}, {"timeout_seconds", 1}};
  auto instance = make(settings);
  const auto sent = send(*instance, mail({"ouder@example.test"}));
  EXPECT_EQ(sent.result.status, lobsync::plugin_host::CallStatus::unavailable) << sent.result.error;
  EXPECT_EQ(sent.docs, std::vector<json>{result_doc("ouder@example.test", "deferred", 0)});
}

TEST_F(FailuresTest, TheLogNamesDomainsButNeverAddresses) {
  test::SmtpServerOptions options;
  options.reject = {"onbekend"};
  test::SmtpServer server(options);
  auto instance = make(plain_settings(server));
  log::init(log::Level::trace);
  std::string logged;
  {
    test::StderrCapture capture(scratch_ / "stderr.log");
    send(*instance, mail({"ouder.een@example.test", "onbekend.kind@rejected.test"}));
    logged = capture.finish();
  }
  log::init(log::Level::info);
  EXPECT_NE(logged.find("rejected.test"), std::string::npos) << logged;  // the log saw the rejection
  for (const char* personal : {"ouder.een", "onbekend.kind", "bounces@", "Beste ouder"}) {
    EXPECT_EQ(logged.find(personal), std::string::npos) << personal << " in:\n" << logged;
  }
}

}  // namespace
}  // namespace lobsync::plugin_host::failures_test
