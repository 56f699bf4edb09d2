#include "http/target.h"

#include <gtest/gtest.h>

namespace lobsync::http::target_test {
namespace {

TEST(HttpTarget, SplitsAndDecodesPathAndQuery) {
  auto t = parse_target("/api/v1/students/J%C3%BCrgen?name=a+b%26c&x=1&x=2&flag");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/students/J\xC3\xBCrgen");
  EXPECT_EQ(t->query.at("name"), "a b&c");
  EXPECT_EQ(t->query.at("x"), "1");  // first occurrence wins
  EXPECT_EQ(t->query.at("flag"), "");
}

TEST(HttpTarget, PercentEncodesAllButUnreservedAndDecodesBack) {
  EXPECT_EQ(percent_encode("demo-roster:1001"), "demo-roster%3A1001");
  EXPECT_EQ(percent_encode("a b/c?d#e%f+g"), "a%20b%2Fc%3Fd%23e%25f%2Bg");
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("J\xC3\xBCrgen"), "J%C3%BCrgen");
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
  EXPECT_EQ(percent_decode(percent_encode(every_byte), false), every_byte);
}

TEST(HttpTarget, PlusInPathStaysPlus) {
  auto t = parse_target("/a+b");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/a+b");
}

TEST(HttpTarget, RejectsNonOriginForm) {
  EXPECT_FALSE(parse_target(""));
  EXPECT_FALSE(parse_target("*"));
  EXPECT_FALSE(parse_target("http://example.org/"));
  EXPECT_FALSE(parse_target("health"));
}

TEST(HttpTarget, RejectsDotDotSegmentsAlsoWhenEncoded) {
  EXPECT_FALSE(parse_target("/.."));
  EXPECT_FALSE(parse_target("/a/../b"));
  EXPECT_FALSE(parse_target("/a/%2e%2e/b"));
  EXPECT_FALSE(parse_target("/a%2F..%2Fb"));
  EXPECT_TRUE(parse_target("/a/..b/c..")) << "only whole '..' segments are parent references";
}

TEST(HttpTarget, RejectsMalformedEscapesAndNul) {
  EXPECT_FALSE(parse_target("/a%"));
  EXPECT_FALSE(parse_target("/a%4"));
  EXPECT_FALSE(parse_target("/a%zz"));
  EXPECT_FALSE(parse_target("/a%00b"));
  EXPECT_FALSE(parse_target("/a?x=%g0"));
}

// Found by tests/fuzz/request_target: a NUL was refused in the path but passed in the query.
TEST(HttpTarget, RejectsNulInQueryKeysAndValues) {
  EXPECT_FALSE(parse_target("/a?token=abc%00def"));
  EXPECT_FALSE(parse_target("/a?to%00ken=abc"));
  EXPECT_FALSE(parse_target("/a?x=1&%00"));
  ASSERT_TRUE(parse_target("/a?x=%01"));
  EXPECT_EQ(parse_target("/a?x=%01")->query.at("x"), "\x01") << "other control bytes are the handler's business";
}

}  // namespace
}  // namespace lobsync::http::target_test
