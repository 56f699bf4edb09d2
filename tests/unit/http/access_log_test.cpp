// The access log never holds a signed link: whatever the status and whichever way a request
// fails, a line shows the route's pattern (or the path with its unknown segments hidden) and a
// short hash, never the token or the query string.
#include "http/server.h"

#include "core/sha256.h"
#include "support/http_test_client.h"
#include "support/stderr_capture.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

namespace lobsync::http::access_log_test {
namespace {

using test::RawConnection;

constexpr const char* kToken = "eyJzIjoic2Nob29sOnAxIn0.SeCrEtSiGnAtUrE_0123456789";
constexpr const char* kQuerySecret = "QuErYsEcReT4711";

std::vector<std::string> lines_with(const std::string& log, const std::string& needle) {
  std::vector<std::string> out;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);)
    if (line.find(needle) != std::string::npos) out.push_back(line);
  return out;
}

class AccessLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/p/{token}", [](const Request& r) { return Response::text(200, "page for " + r.params.at("token")); });
    router.add("POST", "/p/{token}", [](const Request&) -> Response { throw std::runtime_error("database is locked"); });
    router.add("GET", "/healthz", [](const Request&) { return Response::text(200, "ok"); });
    config::HttpSettings s;
    s.address = "127.0.0.1";
    s.port = 0;
    s.read_timeout = std::chrono::seconds(5);
    s.body_limit_bytes = 64;
    s.threads = 2;
    server = std::make_unique<Server>(s, router);
    server->start();
  }

  // One request on its own connection; the status the server answered, 0 for none.
  int send(const std::string& request) {
    RawConnection c(server->port());
    if (!c.send(request)) return 0;
    const auto r = c.read_response(request.rfind("HEAD", 0) == 0);
    return r ? r->status : 0;
  }

  lobsync::test::ScratchDir scratch;
  Router router;
  std::unique_ptr<Server> server;
};

TEST_F(AccessLogTest, NoStatusAndNoErrorPathLogsTheTokenOrTheQuery) {
  const std::string token = kToken;
  const std::string query = std::string("?lang=nl&t=") + kQuerySecret;
  std::string log;
  {
    lobsync::test::StderrCapture capture(scratch / "stderr.log");
    EXPECT_EQ(send("GET /p/" + token + query + " HTTP/1.1\r\nHost: x\r\n\r\n"), 200);
    EXPECT_EQ(send("HEAD /p/" + token + " HTTP/1.1\r\nHost: x\r\n\r\n"), 200);
    EXPECT_EQ(send("GET /p/" + token + "/more" + query + " HTTP/1.1\r\nHost: x\r\n\r\n"), 404);
    EXPECT_EQ(send("GET /" + token + " HTTP/1.1\r\nHost: x\r\n\r\n"), 404);
    EXPECT_EQ(send("DELETE /p/" + token + query + " HTTP/1.1\r\nHost: x\r\n\r\n"), 405);
    EXPECT_EQ(send("POST /p/" + token + query + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok"), 500);
    EXPECT_EQ(send("POST /p/" + token + query + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"), 413);
    EXPECT_EQ(send("GET /p/" + token + query + " HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n"), 431);
    EXPECT_EQ(send("GET /p/" + token + query + " HTTP/1.1\r\nBad Header Line\r\n\r\n"), 400);
    EXPECT_EQ(send("GET /p/" + token + "%zz" + query + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    EXPECT_EQ(send("GET /p/" + token + "/../healthz HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    server->stop();
    log = capture.finish();
  }
  // Neither the token nor any part of its signature, nor the query.
  EXPECT_EQ(log.find("SeCrEtSiGnAtUrE"), std::string::npos) << log;
  EXPECT_EQ(log.find("eyJzIjoic2Nob29sOnAxIn0"), std::string::npos) << log;
  EXPECT_EQ(log.find(kQuerySecret), std::string::npos) << log;
  EXPECT_EQ(log.find("lang=nl"), std::string::npos) << log;

  // Matched routes show their pattern and the token's short hash, whatever the status.
  const std::string ref = "ref=" + sha256_hex(token).substr(0, 8);
  for (const std::string expected : {"GET /p/{token} 200", "HEAD /p/{token} 200", "DELETE /p/{token} 405",
                                     "POST /p/{token} 500", "POST /p/{token} 413", "GET /p/{token} 431",
                                     "GET /p/{token} 400"}) {
    const auto lines = lines_with(log, expected);
    ASSERT_EQ(lines.size(), 1u) << expected << "\n" << log;
    EXPECT_NE(lines[0].find(ref), std::string::npos) << lines[0];
  }
  // Unknown paths keep only segments some route has, the rest hidden behind one hash.
  EXPECT_EQ(lines_with(log, "GET /p/{?}/{?} 404").size(), 1u) << log;
  EXPECT_EQ(lines_with(log, "GET /{?} 404").size(), 1u) << log;
  // The handler's failure is logged with the pattern too.
  const auto failed = lines_with(log, "handler failed");
  ASSERT_EQ(failed.size(), 1u) << log;
  EXPECT_NE(failed[0].find("POST /p/{token} " + ref + ": handler failed: database is locked"), std::string::npos)
      << failed[0];
  // Targets that cannot be read at all show no path.
  EXPECT_EQ(lines_with(log, "GET - 400").size(), 2u) << log;
}

}  // namespace
}  // namespace lobsync::http::access_log_test
