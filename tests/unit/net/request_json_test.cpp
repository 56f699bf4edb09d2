#include "net/http_client.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace lobsync::net::request_json_test {
namespace {

using nlohmann::json;

TEST(RequestFromJson, FullDocument) {
  json doc = {{"method", "POST"},
              {"url", "https://sis.example/api?x=1"},
              {"headers", {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}}},
              {"timeout_ms", 5000},
              {"max_attempts", 2},
              {"retry_on", {429, 503}}};
  std::string error;
  auto r = request_from_json(doc, R"({"a":1})", &error);
  ASSERT_TRUE(r.has_value()) << error;
  EXPECT_EQ(r->method, "POST");
  EXPECT_EQ(r->url, "https://sis.example/api?x=1");
  EXPECT_EQ(r->body, R"({"a":1})");
  EXPECT_EQ(r->timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(r->max_attempts, 2);
  EXPECT_EQ(r->retry_on, (std::vector<int>{429, 503}));
  ASSERT_EQ(r->headers.size(), 2u);
  EXPECT_EQ(r->headers[0], (std::pair<std::string, std::string>{"Authorization", "Bearer t"}));
}

TEST(RequestFromJson, WebDavMethodsAreAccepted) {
  for (const char* method : {"PROPFIND", "PROPPATCH", "REPORT", "MKCOL", "MKCALENDAR"}) {
    std::string error;
    auto r = request_from_json(json{{"url", "https://dav.example/cal/"}, {"method", method}}, "<x/>", &error);
    ASSERT_TRUE(r.has_value()) << method << ": " << error;
    EXPECT_EQ(r->method, method);
  }
}

TEST(RequestFromJson, OnlyUrlGivesDefaults) {
  auto r = request_from_json(json{{"url", "http://127.0.0.1/x"}}, "", nullptr);
  ASSERT_TRUE(r.has_value());
  HttpRequest defaults;
  EXPECT_EQ(r->method, "GET");
  EXPECT_EQ(r->timeout, defaults.timeout);
  EXPECT_EQ(r->max_attempts, defaults.max_attempts);
  EXPECT_EQ(r->retry_on, defaults.retry_on);
  EXPECT_TRUE(r->headers.empty());
}

TEST(RequestFromJson, EmptyRetryOnMeansNoStatusRetries) {
  auto r = request_from_json(json{{"url", "http://127.0.0.1/x"}, {"retry_on", json::array()}}, "", nullptr);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->retry_on.empty());
}

// Each bad document is refused with an error that names the field.
TEST(RequestFromJson, BadDocumentsNameTheField) {
  const json url = "http://127.0.0.1/x";
  const std::vector<std::pair<json, std::string>> cases = {
      {json::array(), "request"},
      {json{{"method", "GET"}}, "url"},
      {json{{"url", 5}}, "url"},
      {json{{"url", ""}}, "url"},
      {json{{"url", "ftp://127.0.0.1/x"}}, "url"},
      {json{{"url", "127.0.0.1/x"}}, "url"},
      {json{{"url", "http://127.0.0.1/x\r\nHost: evil"}}, "url"},
      {json{{"url", url}, {"method", "get"}}, "method"},
      {json{{"url", url}, {"method", "CONNECT"}}, "method"},
      {json{{"url", url}, {"method", "TRACE"}}, "method"},
      {json{{"url", url}, {"method", "propfind"}}, "method"},
      {json{{"url", url}, {"method", 1}}, "method"},
      {json{{"url", url}, {"headers", json::array({"a"})}}, "headers"},
      {json{{"url", url}, {"headers", {{"X-A", 1}}}}, "headers.X-A"},
      {json{{"url", url}, {"headers", {{"Bad Name", "v"}}}}, "headers"},
      {json{{"url", url}, {"headers", {{"X-A", "v\r\nX-Evil: 1"}}}}, "headers.X-A"},
      {json{{"url", url}, {"timeout_ms", 0}}, "timeout_ms"},
      {json{{"url", url}, {"timeout_ms", -5}}, "timeout_ms"},
      {json{{"url", url}, {"timeout_ms", "30"}}, "timeout_ms"},
      {json{{"url", url}, {"timeout_ms", 1.5}}, "timeout_ms"},
      {json{{"url", url}, {"max_attempts", 0}}, "max_attempts"},
      {json{{"url", url}, {"max_attempts", 1000}}, "max_attempts"},
      {json{{"url", url}, {"retry_on", 503}}, "retry_on"},
      {json{{"url", url}, {"retry_on", {503, "x"}}}, "retry_on"},
      {json{{"url", url}, {"retry_on", {42}}}, "retry_on"},
      {json{{"url", url}, {"max_attempt", 2}}, "max_attempt"},
  };
  for (const auto& [doc, field] : cases) {
    std::string error;
    EXPECT_FALSE(request_from_json(doc, "", &error).has_value()) << doc.dump();
    EXPECT_TRUE(error.starts_with(field + ":")) << doc.dump() << " -> " << error;
  }
}

TEST(RequestFromJson, ErrorNeverEchoesHeaderValues) {
  std::string error;
  json doc = {{"url", "http://127.0.0.1/x"}, {"headers", {{"Authorization", "secret-token\n"}}}};
  EXPECT_FALSE(request_from_json(doc, "", &error).has_value());
  EXPECT_EQ(error.find("secret-token"), std::string::npos) << error;
}

TEST(HeadersToJson, ObjectOfStrings) {
  EXPECT_EQ(headers_to_json({{"content-type", "text/plain"}, {"x-a", "1"}}),
            (json{{"content-type", "text/plain"}, {"x-a", "1"}}));
  EXPECT_EQ(headers_to_json({}), json::object());
}

}  // namespace
}  // namespace lobsync::net::request_json_test
