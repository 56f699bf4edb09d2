// One client holding more idle connections than the server's limit: /healthz still answers, the
// oldest idle connections make room, and the log gets one line, not one per connection.
#include "http/connection_limit.h"
#include "http/server.h"

#include "core/metrics.h"
#include "support/http_test_client.h"
#include "support/stderr_capture.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>

namespace lobsync::http::connection_limit_test {
namespace {

using test::RawConnection;

std::size_t lines_with(const std::string& log, const std::string& needle) {
  std::size_t n = 0;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos ? 1 : 0;
  return n;
}

class ConnectionLimitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/healthz", [](const Request&) { return Response::text(200, "ok"); });
  }
  void start(std::size_t max_connections, std::chrono::seconds idle_timeout = std::chrono::seconds(15)) {
    config::HttpSettings s;
    s.address = "127.0.0.1";
    s.port = 0;
    s.read_timeout = std::chrono::seconds(30);
    s.idle_timeout = idle_timeout;
    s.max_connections = max_connections;
    s.threads = 2;
    server = std::make_unique<Server>(s, router);
    server->start();
  }
  int health(RawConnection& c) {
    if (!c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")) return 0;
    const auto r = c.read_response();
    return r ? r->status : 0;
  }

  lobsync::test::ScratchDir scratch;
  Router router;
  std::unique_ptr<Server> server;
};

TEST_F(ConnectionLimitTest, HealthAnswersWhileOneClientHoldsFarMoreIdleConnectionsThanTheLimit) {
  start(16);
  const metrics::Labels closed{{"action", "closed_idle"}};
  const double closed_before = metrics::global().value("lobsync_http_connections_shed_total", closed);
  std::string log;
  {
    lobsync::test::StderrCapture capture(scratch / "stderr.log");
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 200; ++i) {
      idle.push_back(std::make_unique<RawConnection>(server->port()));
      ASSERT_TRUE(idle.back()->connected()) << i;
    }
    for (int i = 0; i < 3; ++i) {
      RawConnection c(server->port());
      EXPECT_EQ(health(c), 200) << i;
    }
    // The oldest idle connection made room and was closed in order.
    EXPECT_TRUE(idle.front()->sees_eof());
    server->stop();
    log = capture.finish();
  }
  EXPECT_EQ(lines_with(log, "connection limit of 16 reached"), 1u) << log;
  EXPECT_EQ(lines_with(log, "GET /healthz 200"), 3u) << log;
  EXPECT_GE(metrics::global().value("lobsync_http_connections_shed_total", closed), closed_before + 180);
}

TEST_F(ConnectionLimitTest, AKeptAliveConnectionIsClosedAfterTheIdleTimeout) {
  start(64, std::chrono::seconds(1));
  RawConnection c(server->port());
  ASSERT_EQ(health(c), 200);
  // read_timeout is 30 s and the client waits 10 s: the EOF comes from the 1 s idle timeout.
  EXPECT_TRUE(c.sees_eof());
}

TEST(ConnectionBudget, StaysWithinTheOpenFilesLimit) {
  EXPECT_EQ(connection_budget(1000, 65536), 1000u);
  EXPECT_EQ(connection_budget(1000, 1024), 1024u - kFilesKeptFree);
  EXPECT_LT(connection_budget(1000, 100), 100u);
}

TEST(ShedLog, OneLineAtOnceThenAtMostOnePerInterval) {
  ShedLog shed(std::chrono::seconds(60));
  const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  const auto first = shed.count(ShedLog::Action::closed_idle, 16, t0);
  ASSERT_TRUE(first);
  EXPECT_NE(first->find("connection limit of 16 reached: 1 idle connection(s) closed, 0 new one(s) refused"),
            std::string::npos)
      << *first;
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(shed.count(ShedLog::Action::refused, 16, t0 + std::chrono::seconds(30)));
  const auto later = shed.count(ShedLog::Action::closed_idle, 16, t0 + std::chrono::seconds(61));
  ASSERT_TRUE(later);
  EXPECT_NE(later->find("1 idle connection(s) closed, 1000 new one(s) refused since the last report"), std::string::npos)
      << *later;
}

}  // namespace
}  // namespace lobsync::http::connection_limit_test
