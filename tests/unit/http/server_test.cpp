#include "http/server.h"

#include "core/metrics.h"
#include "support/http_test_client.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

namespace lobsync::http::server_test {
namespace {

using test::RawConnection;

config::HttpSettings test_settings() {
  config::HttpSettings s;
  s.address = "127.0.0.1";
  s.port = 0;
  s.read_timeout = std::chrono::seconds(5);
  s.body_limit_bytes = 64;
  s.shutdown_grace = std::chrono::seconds(10);
  s.threads = 2;
  return s;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/hello", [](const Request&) { return Response::text(200, "hello world"); });
    router.add("POST", "/echo", [](const Request& r) { return Response::text(200, r.body); });
    router.add("GET", "/inspect/{name}", [](const Request& r) {
      return Response::json(200, {{"path", r.path},
                                  {"name", r.params.at("name")},
                                  {"q", r.query.count("q") ? r.query.at("q") : ""},
                                  {"x_test", r.headers.count("x-test") ? r.headers.at("x-test") : ""},
                                  {"remote", r.remote_address}});
    });
    router.add("GET", "/boom", [](const Request&) -> Response { throw std::runtime_error("boom"); });
    router.add("GET", "/slow", [this](const Request&) {
      slow_started.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return Response::text(200, "slow done");
    });
  }

  Server& start(config::HttpSettings settings = test_settings()) {
    server = std::make_unique<Server>(settings, router);
    server->start();
    return *server;
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server->port()) + path;
  }

  Router router;
  std::promise<void> slow_started;
  std::unique_ptr<Server> server;
};

TEST_F(ServerTest, GetReturns200WithBodyAndStandardHeaders) {
  start();
  ASSERT_NE(server->port(), 0);
  RawConnection c(server->port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello world");
  EXPECT_EQ(r->headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(r->headers["cache-control"], "no-store");
  EXPECT_EQ(r->headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(r->headers["server"], "lobsync");
}

TEST_F(ServerTest, AHandlersOwnCacheControlIsKept) {
  router.add("GET", "/static", [](const Request&) {
    auto r = Response::text(200, "body{}", "text/css");
    r.headers.emplace_back("Cache-Control", "public, max-age=60");
    return r;
  });
  start();
  RawConnection c(server->port());
  ASSERT_TRUE(c.send("GET /static HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->headers["cache-control"], "public, max-age=60");
}

TEST_F(ServerTest, CurlGetWorks) {
  start();
  auto r = test::curl_request(url("/hello"));
  ASSERT_EQ(r.code, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello world");
}

TEST_F(ServerTest, DecodesPathAndQueryAndLowerCasesHeaders) {
  start();
  RawConnection c(server->port());
  ASSERT_TRUE(c.send("GET /inspect/J%C3%BCrgen?q=a+b%26c HTTP/1.1\r\nHost: x\r\nX-Test: yes\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["path"], "/inspect/J\xC3\xBCrgen");
  EXPECT_EQ(body["name"], "J\xC3\xBCrgen");
  EXPECT_EQ(body["q"], "a b&c");
  EXPECT_EQ(body["x_test"], "yes");
  EXPECT_EQ(body["remote"], "127.0.0.1");
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  RawConnection c(server->port());
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto first = c.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_NE(first->headers["connection"], "close");
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nagain"));
  auto second = c.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, "again");
}

TEST_F(ServerTest, HeadHasGetLengthAndNoBody) {
  start();
  RawConnection c(server->port());
  ASSERT_TRUE(c.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = c.read_response(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers["content-length"], "11");
  // Stray body bytes would corrupt the next response on the same connection.
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto get = c.read_response();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->body, "hello world");
}

TEST_F(ServerTest, UnknownPathAndWrongMethodThroughServer) {
  start();
  auto missing = test::curl_request(url("/missing"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing.body)["error"], "not found");
  auto wrong = test::curl_request(url("/hello"), "DELETE");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_NE(wrong.headers.find("Allow: GET, HEAD"), std::string::npos) << wrong.headers;
}

TEST_F(ServerTest, BodyOverLimitGets413ThenClose) {
  start();
  auto r = test::curl_request(url("/echo"), "POST", std::string(100, 'x'));
  ASSERT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"], "request body too large");

  // Raw: the response arrives intact although the client is still sending, then an orderly EOF.
  RawConnection c(server->port());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'y')));
  auto raw = c.read_response();
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 413);
  EXPECT_EQ(raw->headers["connection"], "close");
  EXPECT_EQ(raw->headers["content-type"], "application/json");
  c.send(std::string(1000, 'y'));
  EXPECT_TRUE(c.sees_eof());
}

TEST_F(ServerTest, BodyAtLimitIsAccepted) {
  start();
  auto r = test::curl_request(url("/echo"), "POST", std::string(64, 'x'));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(), 64u);
}

TEST_F(ServerTest, BadTargetsGet400) {
  start();
  for (const std::string target : {"foo", "/a/../hello", "/%2e%2e/hello", "/a%zz", "http://evil.example/hello"}) {
    RawConnection c(server->port());
    ASSERT_TRUE(c.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto r = c.read_response();
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
  }
}

TEST_F(ServerTest, MalformedRequestGets400AndClose) {
  start();
  RawConnection c(server->port());
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nBad Header Line\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(c.sees_eof());
}

TEST_F(ServerTest, OversizedHeaderGets431) {
  start();
  RawConnection c(server->port());
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST_F(ServerTest, HandlerExceptionGives500) {
  start();
  auto r = test::curl_request(url("/boom"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"], "internal error");
  // The server keeps serving.
  EXPECT_EQ(test::curl_request(url("/hello")).status, 200);
}

TEST_F(ServerTest, IdleConnectionIsClosedAfterReadTimeout) {
  auto settings = test_settings();
  settings.read_timeout = std::chrono::seconds(1);
  start(settings);
  RawConnection idle(server->port());
  ASSERT_TRUE(idle.connected());
  RawConnection half(server->port());
  ASSERT_TRUE(half.send("GET /hello HTTP/1.1\r\nHo"));  // a slow client that stops mid-request
  // The client's own receive timeout is 10 s; EOF comes from the server's 1 s read timeout.
  EXPECT_TRUE(idle.sees_eof());
  EXPECT_TRUE(half.sees_eof());
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
  start();
  const auto port = server->port();
  RawConnection idle(port);  // a keep-alive connection between requests
  ASSERT_TRUE(idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(idle.read_response());

  auto client = std::async(std::launch::async, [port] {
    RawConnection c(port);
    c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    auto r = c.read_response();
    const bool eof = c.sees_eof();
    return std::make_pair(r, eof);
  });
  ASSERT_EQ(slow_started.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  server->stop();  // returns only when the slow response is out (or the grace ran out)

  auto [response, eof] = client.get();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "slow done");
  EXPECT_EQ(response->headers["connection"], "close");
  EXPECT_TRUE(eof);
  EXPECT_TRUE(idle.sees_eof());
  EXPECT_FALSE(RawConnection(port).connected());
  EXPECT_NO_THROW(server->stop());  // idempotent
}

TEST_F(ServerTest, ListeningOnATakenPortThrowsWithTheAddress) {
  start();
  auto settings = test_settings();
  settings.port = server->port();
  Server second(settings, router);
  try {
    second.start();
    FAIL() << "start() on a taken port did not throw";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot listen on 127.0.0.1:" + std::to_string(settings.port)), std::string::npos)
        << message;
    EXPECT_NE(message.find("Address already in use"), std::string::npos) << message;
  }
}

TEST_F(ServerTest, InvalidAddressThrows) {
  auto settings = test_settings();
  settings.address = "not-an-address";
  Server s(settings, router);
  EXPECT_THROW(s.start(), std::runtime_error);
}

TEST_F(ServerTest, CountsRequestsInTheGlobalRegistry) {
  start();
  auto& registry = metrics::global();
  const metrics::Labels ok{{"method", "GET"}, {"status", "200"}};
  const metrics::Labels missing{{"method", "GET"}, {"status", "404"}};
  const double ok_before = registry.value("lobsync_http_requests_total", ok);
  const double missing_before = registry.value("lobsync_http_requests_total", missing);
  const double count_before = registry.value("lobsync_http_request_duration_seconds_count");

  EXPECT_EQ(test::curl_request(url("/hello")).status, 200);
  EXPECT_EQ(test::curl_request(url("/hello")).status, 200);
  EXPECT_EQ(test::curl_request(url("/missing")).status, 404);

  EXPECT_EQ(registry.value("lobsync_http_requests_total", ok), ok_before + 2);
  EXPECT_EQ(registry.value("lobsync_http_requests_total", missing), missing_before + 1);
  EXPECT_EQ(registry.value("lobsync_http_request_duration_seconds_count"), count_before + 3);
  const auto text = registry.render();
  EXPECT_NE(text.find("# TYPE lobsync_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("lobsync_http_requests_total{method=\"GET\",status=\"200\"} "), std::string::npos);
  EXPECT_NE(text.find("# TYPE lobsync_http_request_duration_seconds summary\n"), std::string::npos);
}

}  // namespace
}  // namespace lobsync::http::server_test
