// HttpClient against the scripted fake server on loopback. Waits between attempts go through a
// recording sleeper, so retries cost no real time and the waits can be checked.
#include "net/http_client.h"

#include "support/fake_http_server.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <mutex>

namespace lobsync::net::http_client_test {
namespace {

using std::chrono::milliseconds;

class RecordingSleeper {
 public:
  Sleeper sleeper() {
    return [this](milliseconds d) {
      std::lock_guard lock(mutex_);
      waits_.push_back(d);
    };
  }
  std::vector<milliseconds> waits() {
    std::lock_guard lock(mutex_);
    return waits_;
  }

 private:
  std::mutex mutex_;
  std::vector<milliseconds> waits_;
};

class HttpClientTest : public ::testing::Test {
 protected:
  HttpClient client(HttpClientSettings settings = {}) { return HttpClient(std::move(settings), sleeps.sleeper()); }
  HttpRequest get(const std::string& path) {
    HttpRequest r;
    r.url = server.url(path);
    return r;
  }

  test::FakeHttpServer server;
  RecordingSleeper sleeps;
};

TEST_F(HttpClientTest, EchoRoundTripCarriesMethodHeadersAndBody) {
  HttpRequest r = get("/echo?student=42");
  r.method = "PUT";
  r.headers = {{"X-Lobsync-Test", "yes"}, {"Content-Type", "application/json"}};
  r.body = R"({"name":"Sanne"})";
  HttpResponse resp = client().perform(r);

  ASSERT_EQ(resp.status, 200) << resp.error;
  EXPECT_EQ(resp.attempts, 1);
  EXPECT_EQ(resp.headers.at("content-type"), "application/json");
  auto echo = nlohmann::json::parse(resp.body);
  EXPECT_EQ(echo["method"], "PUT");
  EXPECT_EQ(echo["path"], "/echo");
  EXPECT_EQ(echo["query"], "student=42");
  EXPECT_EQ(echo["body"], R"({"name":"Sanne"})");
  EXPECT_EQ(echo["headers"]["x-lobsync-test"], "yes");
  EXPECT_EQ(echo["headers"]["content-type"], "application/json");
  EXPECT_EQ(echo["headers"]["user-agent"], "lobsync");
  EXPECT_FALSE(echo["headers"].contains("expect"));
  EXPECT_TRUE(sleeps.waits().empty());
}

TEST_F(HttpClientTest, EmptyHeaderValueIsSent) {
  HttpRequest r = get("/echo");
  r.headers = {{"X-Empty", ""}};
  HttpResponse resp = client().perform(r);
  ASSERT_EQ(resp.status, 200) << resp.error;
  EXPECT_EQ(nlohmann::json::parse(resp.body)["headers"]["x-empty"], "");
}

TEST_F(HttpClientTest, EachMethodReachesTheServer) {
  for (const char* method : {"GET", "POST", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "PROPPATCH", "REPORT", "MKCOL",
                             "MKCALENDAR"}) {
    HttpRequest r = get("/echo");
    r.method = method;
    HttpResponse resp = client().perform(r);
    ASSERT_EQ(resp.status, 200) << method << ": " << resp.error;
    EXPECT_EQ(nlohmann::json::parse(resp.body)["method"], method);
  }
  // A WebDAV query carries its XML body like a POST does.
  HttpRequest report = get("/echo");
  report.method = "REPORT";
  report.headers = {{"Depth", "1"}};
  report.body = "<c:calendar-query/>";
  HttpResponse echoed = client().perform(report);
  ASSERT_EQ(echoed.status, 200) << echoed.error;
  EXPECT_EQ(nlohmann::json::parse(echoed.body)["body"], "<c:calendar-query/>");
  EXPECT_EQ(nlohmann::json::parse(echoed.body)["headers"]["depth"], "1");
  HttpRequest head = get("/echo");
  head.method = "HEAD";
  HttpResponse resp = client().perform(head);
  EXPECT_EQ(resp.status, 200) << resp.error;
  EXPECT_TRUE(resp.body.empty());
}

TEST_F(HttpClientTest, FlakyServerIsRetriedWithGrowingCappedBackoff) {
  HttpClientSettings s;
  s.initial_backoff = milliseconds(100);
  s.max_backoff = milliseconds(150);
  HttpResponse resp = client(s).perform(get("/flaky/a?fail=2&status=503"));

  EXPECT_EQ(resp.status, 200) << resp.error;
  EXPECT_EQ(resp.body, "ok\n");
  EXPECT_EQ(resp.attempts, 3);
  // Full jitter makes each wait random; its bound doubles (100, 200) and is capped (150).
  // The bounds themselves are checked exactly in backoff_test.cpp.
  auto waits = sleeps.waits();
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_LE(waits[0], milliseconds(100));
  EXPECT_LE(waits[1], milliseconds(150));
}

TEST_F(HttpClientTest, RetryAfterOverridesBackoff) {
  HttpResponse resp = client().perform(get("/retry-after?seconds=1&key=r1"));
  EXPECT_EQ(resp.status, 200) << resp.error;
  EXPECT_EQ(resp.attempts, 2);
  EXPECT_EQ(sleeps.waits(), std::vector<milliseconds>{milliseconds(1000)});
}

TEST_F(HttpClientTest, RetryAfterIsCappedByMaxRetryAfter) {
  HttpClientSettings s;
  s.max_retry_after = milliseconds(2000);
  HttpResponse resp = client(s).perform(get("/retry-after?seconds=3600&key=r2"));
  EXPECT_EQ(resp.status, 200) << resp.error;
  EXPECT_EQ(sleeps.waits(), std::vector<milliseconds>{milliseconds(2000)});
}

TEST_F(HttpClientTest, GivesUpAfterMaxAttemptsWithTheLastResponse) {
  HttpRequest r = get("/flaky/b?fail=100&status=503");
  r.max_attempts = 3;
  HttpResponse resp = client().perform(r);
  EXPECT_EQ(resp.status, 503);
  EXPECT_EQ(resp.body, "try again\n");
  EXPECT_TRUE(resp.error.empty());
  EXPECT_EQ(resp.attempts, 3);
  EXPECT_EQ(sleeps.waits().size(), 2u);
}

TEST_F(HttpClientTest, StatusOutsideRetryOnIsNotRetried) {
  HttpRequest r = get("/flaky/c?fail=1&status=404");
  HttpResponse resp = client().perform(r);
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(resp.attempts, 1);

  HttpRequest no_retries = get("/flaky/d?fail=1&status=503");
  no_retries.retry_on.clear();
  EXPECT_EQ(client().perform(no_retries).status, 503);
  EXPECT_TRUE(sleeps.waits().empty());
}

TEST_F(HttpClientTest, TimeoutGivesStatusZeroAndIsRetried) {
  HttpRequest r = get("/slow?ms=5000");
  r.timeout = milliseconds(200);
  r.max_attempts = 2;
  HttpResponse resp = client().perform(r);
  EXPECT_EQ(resp.status, 0);
  EXPECT_NE(resp.error.find("imeout"), std::string::npos) << resp.error;
  EXPECT_EQ(resp.attempts, 2);
  EXPECT_EQ(sleeps.waits().size(), 1u);
}

TEST_F(HttpClientTest, ConnectionClosedWithoutResponseIsRetried) {
  HttpResponse resp = client().perform(get("/close?times=2&key=c1"));
  EXPECT_EQ(resp.status, 200) << resp.error;
  EXPECT_EQ(resp.attempts, 3);

  HttpRequest always = get("/close");
  always.max_attempts = 2;
  HttpResponse failed = client().perform(always);
  EXPECT_EQ(failed.status, 0);
  EXPECT_FALSE(failed.error.empty());
  EXPECT_EQ(failed.attempts, 2);
}

TEST_F(HttpClientTest, ConnectionRefusedIsRetried) {
  HttpRequest r;
  {
    test::FakeHttpServer gone;  // a port that was free a moment ago and is closed now
    r.url = gone.url("/echo");
  }
  r.max_attempts = 2;
  HttpResponse resp = client().perform(r);
  EXPECT_EQ(resp.status, 0);
  EXPECT_EQ(resp.attempts, 2);
}

TEST_F(HttpClientTest, OversizedBodyIsRefusedWithoutRetry) {
  HttpClientSettings s;
  s.max_response_bytes = 1000;
  for (const char* path : {"/big?bytes=5000", "/big?bytes=200000&chunked=1"}) {
    HttpResponse resp = client(s).perform(get(path));
    EXPECT_EQ(resp.status, 0) << path;
    EXPECT_EQ(resp.error, "response larger than 1000 bytes") << path;
    EXPECT_TRUE(resp.body.empty());
    EXPECT_EQ(resp.attempts, 1);
  }
  HttpResponse fits = client(s).perform(get("/big?bytes=1000"));
  EXPECT_EQ(fits.status, 200) << fits.error;
  EXPECT_EQ(fits.body.size(), 1000u);
  EXPECT_TRUE(sleeps.waits().empty());
}

TEST_F(HttpClientTest, UnsupportedSchemesAreRefused) {
  for (const char* url : {"ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/", "127.0.0.1/echo"}) {
    HttpRequest r;
    r.url = url;
    HttpResponse resp = client().perform(r);
    EXPECT_EQ(resp.status, 0) << url;
    EXPECT_FALSE(resp.error.empty()) << url;
    EXPECT_TRUE(resp.body.empty()) << url;
    EXPECT_EQ(resp.attempts, 1) << url;
  }
}

TEST_F(HttpClientTest, RedirectsAreFollowedUpToFive) {
  HttpResponse five = client().perform(get("/redirect?hops=5&to=/echo"));
  EXPECT_EQ(five.status, 200) << five.error;
  EXPECT_EQ(nlohmann::json::parse(five.body)["path"], "/echo");

  HttpResponse six = client().perform(get("/redirect?hops=6&to=/echo"));
  EXPECT_EQ(six.status, 0);
  EXPECT_NE(six.error.find("redirect"), std::string::npos) << six.error;
  EXPECT_EQ(six.attempts, 1);
}

// The scheme check before sending cannot see redirects; libcurl's protocol list must.
TEST_F(HttpClientTest, RedirectToOtherSchemesIsRefused) {
  for (const char* target : {"ftp://127.0.0.1/x", "file:///etc/passwd"}) {
    HttpResponse resp = client().perform(get(std::string("/redirect?to=") + target));
    EXPECT_EQ(resp.status, 0) << target;
    EXPECT_FALSE(resp.error.empty()) << target;
    EXPECT_TRUE(resp.body.empty()) << target;
    EXPECT_EQ(resp.attempts, 1) << target;
  }
}

TEST_F(HttpClientTest, HeaderInjectionIsRefused) {
  HttpRequest r = get("/echo");
  r.headers = {{"X-A", "1\r\nX-Evil: 1"}};
  HttpResponse resp = client().perform(r);
  EXPECT_EQ(resp.status, 0);
  EXPECT_NE(resp.error.find("headers.X-A"), std::string::npos) << resp.error;
}

TEST_F(HttpClientTest, LogShowsNeitherQueryNorHeaderValuesNorBody) {
  HttpRequest r = get("/flaky/log?fail=1&status=503&bsn=123456782");
  r.method = "POST";
  r.headers = {{"Authorization", "Bearer secret-token"}};
  r.body = "student=Sanne";
  ::testing::internal::CaptureStderr();
  HttpResponse resp = client().perform(r);
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(resp.status, 200) << resp.error;
  EXPECT_NE(log.find("POST " + server.url("/flaky/log")), std::string::npos) << log;
  for (const char* secret : {"123456782", "secret-token", "Sanne"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in " << log;
  }
}

TEST_F(HttpClientTest, ConcurrentRequestsFromManyThreads) {
  HttpClient shared = client();
  std::vector<std::thread> threads;
  std::vector<int> statuses(8, -1);
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    threads.emplace_back([&, i] { statuses[i] = shared.perform(get("/echo?i=" + std::to_string(i))).status; });
  }
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_EQ(s, 200);
}

}  // namespace
}  // namespace lobsync::net::http_client_test
