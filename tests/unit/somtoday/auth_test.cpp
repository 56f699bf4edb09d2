// OAuth2 client credentials: one token reused across calls, a new one after a 401, refusal as
// LOBSYNC_E_AUTH, and the client secret never in an error message or a log line.
#include "somtoday_fixture.h"

#include "core/log.h"

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace lobsync::plugin_host::somtoday_auth_test {
namespace {

using nlohmann::json;

class SomtodayAuthTest : public SomtodayTest {};

// Collects what the process writes to stderr (where the host logs) while it lives.
class StderrCapture {
 public:
  explicit StderrCapture(const std::filesystem::path& file) : file_(file) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
  }
  std::string finish() {
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
    return test::read_file(file_);
  }
  ~StderrCapture() {
    if (saved_ >= 0) finish();
  }

 private:
  std::filesystem::path file_;
  int saved_ = -1;
};

TEST_F(SomtodayAuthTest, OneTokenServesSeveralCalls) {
  test::FakeSomtoday fake(12);
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(fake.stats()["token_requests"], 1);
}

TEST_F(SomtodayAuthTest, AnExpiredLifetimeFetchesANewToken) {
  test::FakeSomtoday fake(12);
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  clock_.advance(std::chrono::hours(2));  // past expires_in (3600 s)
  read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(fake.stats()["token_requests"], 2);
}

TEST_F(SomtodayAuthTest, A401FetchesANewTokenOnceAndCarriesOn) {
  test::FakeSomtoday fake(12);
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  fake.control({{"expire_tokens", true}});  // revoked early, although its lifetime says otherwise
  const auto docs = read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_FALSE(of_kind(docs, "student").empty());
  EXPECT_EQ(fake.stats()["token_requests"], 2);
}

TEST_F(SomtodayAuthTest, A401WithAFreshTokenIsAnAuthFailure) {
  test::FakeSomtoday fake(12);
  fake.control({{"reject_tokens", true}});
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::auth) << result.error;
  EXPECT_NE(result.error.find("/connect/vestiging"), std::string::npos) << result.error;
  EXPECT_EQ(fake.stats()["token_requests"], 2);
}

TEST_F(SomtodayAuthTest, AWrongSecretIsAnAuthFailureThatNeverShowsTheSecret) {
  test::FakeSomtoday fake(12);
  const std::string wrong = "wrong-Secret-4711";
  ::setenv(kSecretEnv, wrong.c_str(), 1);
  auto instance = make(settings(fake));
  test::ScratchDir dir;
  log::init(log::Level::trace);  // everything the plugin and host log
  StderrCapture capture(dir / "stderr.log");
  CallResult result;
  read(*instance, result);
  const std::string logged = capture.finish();
  log::init(log::Level::info);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::auth) << result.error;
  EXPECT_NE(result.error.find("invalid_client"), std::string::npos) << result.error;
  for (const auto& secret : {wrong, std::string("wrong-Secret")}) {
    EXPECT_EQ(result.error.find(secret), std::string::npos) << result.error;
    EXPECT_EQ(logged.find(secret), std::string::npos) << logged;
  }
  EXPECT_FALSE(logged.empty());  // the capture saw the host's lines, so the check means something
}

TEST_F(SomtodayAuthTest, TheRightSecretNeverAppearsInLogsOrErrors) {
  test::FakeSomtoday fake(12);
  fake.control({{"rules", {{{"match", "ouderVerzorger"}, {"status", 403}}}}});
  auto instance = make(settings(fake));
  test::ScratchDir dir;
  log::init(log::Level::trace);
  StderrCapture capture(dir / "stderr.log");
  CallResult result;
  read(*instance, result);
  const std::string logged = capture.finish();
  log::init(log::Level::info);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::permanent);
  EXPECT_EQ(result.error.find(test::FakeSomtoday::kClientSecret), std::string::npos);
  EXPECT_EQ(logged.find(test::FakeSomtoday::kClientSecret), std::string::npos) << logged;
  EXPECT_EQ(logged.find("s3cr3t"), std::string::npos) << logged;
}

}  // namespace
}  // namespace lobsync::plugin_host::somtoday_auth_test
