#include "http/router.h"

#include "core/sha256.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

namespace lobsync::http::router_test {
namespace {

Request make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

std::string header(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/health", [](const Request&) { return Response::text(200, "ok"); });
    router.add("GET", "/api/v1/meetings/{id}/record", [](const Request& r) {
      return Response::json(200, {{"id", r.params.at("id")}});
    });
    router.add("POST", "/api/v1/meetings/{id}/record", [](const Request& r) {
      return Response::json(201, {{"saved", r.params.at("id")}});
    });
    router.add("GET", "/api/v1/meetings/{id}", [](const Request&) { return Response::text(200, "param"); });
    router.add("GET", "/api/v1/meetings/today", [](const Request&) { return Response::text(200, "literal"); });
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralRoute) {
  auto r = make("GET", "/health");
  auto response = router.dispatch(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ok");
}

TEST_F(RouterTest, FillsParamsFromSegments) {
  auto r = make("GET", "/api/v1/meetings/m-42/record");
  auto response = router.dispatch(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(r.params.at("id"), "m-42");
  EXPECT_EQ(nlohmann::json::parse(response.body)["id"], "m-42");
}

TEST_F(RouterTest, PicksHandlerByMethod) {
  auto r = make("POST", "/api/v1/meetings/7/record");
  EXPECT_EQ(router.dispatch(r).status, 201);
}

TEST_F(RouterTest, LiteralSegmentBeatsParam) {
  auto today = make("GET", "/api/v1/meetings/today");
  EXPECT_EQ(router.dispatch(today).body, "literal");
  auto other = make("GET", "/api/v1/meetings/tomorrow");
  EXPECT_EQ(router.dispatch(other).body, "param");
}

TEST_F(RouterTest, UnknownPathIs404) {
  for (const auto* path : {"/nope", "/health/", "/api/v1/meetings//record", "/"}) {
    auto r = make("GET", path);
    auto response = router.dispatch(r);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"], "not found");
  }
}

TEST_F(RouterTest, KnownPathWithOtherMethodIs405WithAllow) {
  auto r = make("DELETE", "/api/v1/meetings/7/record");
  auto response = router.dispatch(r);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(header(response, "Allow"), "GET, HEAD, POST");
  auto post_health = make("POST", "/health");
  EXPECT_EQ(header(router.dispatch(post_health), "Allow"), "GET, HEAD");
}

TEST_F(RouterTest, HeadIsServedAsGetWithoutBody) {
  auto r = make("HEAD", "/health");
  auto response = router.dispatch(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(header(response, "Content-Length"), "2");
}

TEST(Router, RejectsBadOrDuplicatePatterns) {
  Router router;
  auto ok = [](const Request&) { return Response::text(200, ""); };
  EXPECT_THROW(router.add("GET", "health", ok), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{}", ok), std::invalid_argument);
  router.add("GET", "/a", ok);
  EXPECT_THROW(router.add("GET", "/a", ok), std::logic_error);
  EXPECT_NO_THROW(router.add("POST", "/a", ok));
}

TEST(Router, HandlerExceptionsPropagate) {
  Router router;
  router.add("GET", "/boom", [](const Request&) -> Response { throw std::runtime_error("boom"); });
  auto r = make("GET", "/boom");
  EXPECT_THROW(router.dispatch(r), std::runtime_error);
}

TEST(HttpResponse, Factories) {
  auto j = Response::json(201, {{"a", 1}});
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.content_type, "application/json");
  EXPECT_EQ(j.body, R"({"a":1})");
  auto t = Response::text(200, "hi");
  EXPECT_EQ(t.content_type, "text/plain; charset=utf-8");
  auto e = Response::error(404, "not \"here\"");
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(nlohmann::json::parse(e.body)["error"], "not \"here\"");
  // Broken UTF-8 from outside data must not make the response itself fail.
  EXPECT_NO_THROW(Response::json(200, {{"name", std::string("bad \xff")}}));
}

TEST_F(RouterTest, LoggableShowsPatternsNeverParameterValues) {
  auto shown = router.loggable("/api/v1/meetings/m-42/record");
  EXPECT_EQ(shown.shown, "/api/v1/meetings/{id}/record");
  EXPECT_EQ(shown.ref, sha256_hex("m-42").substr(0, 8));
  shown = router.loggable("/api/v1/meetings/today");
  EXPECT_EQ(shown.shown, "/api/v1/meetings/today");
  EXPECT_EQ(shown.ref, "");
  // No route: segments no route has at that place are hidden, the hash covers them together.
  shown = router.loggable("/api/v2/secret-token");
  EXPECT_EQ(shown.shown, "/api/{?}/{?}");
  EXPECT_EQ(shown.ref, sha256_hex("v2/secret-token").substr(0, 8));
  EXPECT_EQ(router.loggable("/health/").shown, "/health/{?}");
  EXPECT_EQ(router.loggable("/").shown, "/");
  EXPECT_EQ(router.loggable("").shown, "-");
}

}  // namespace
}  // namespace lobsync::http::router_test
