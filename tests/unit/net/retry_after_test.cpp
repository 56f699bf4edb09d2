#include "net/http_client.h"

#include <gtest/gtest.h>

namespace lobsync::net::retry_after_test {
namespace {

using std::chrono::milliseconds;

// 2024-03-01T12:00:00Z
const Instant now = instant_from_unix_ms(1709294400000);

TEST(ParseRetryAfter, DeltaSeconds) {
  EXPECT_EQ(parse_retry_after("120", now), milliseconds(120000));
  EXPECT_EQ(parse_retry_after("0", now), milliseconds(0));
  EXPECT_EQ(parse_retry_after(" 7 ", now), milliseconds(7000));
}

TEST(ParseRetryAfter, HugeDeltaSaturatesInsteadOfOverflowing) {
  auto wait = parse_retry_after("99999999999999999999999999", now);
  ASSERT_TRUE(wait.has_value());
  EXPECT_GT(wait->count(), 0);
}

TEST(ParseRetryAfter, HttpDateInTheFuture) {
  EXPECT_EQ(parse_retry_after("Fri, 01 Mar 2024 12:00:30 GMT", now), milliseconds(30000));
  EXPECT_EQ(parse_retry_after("Sat, 02 Mar 2024 12:00:00 GMT", now), milliseconds(86400000));
}

TEST(ParseRetryAfter, HttpDateUsesTheMillisecondsOfNow) {
  EXPECT_EQ(parse_retry_after("Fri, 01 Mar 2024 12:00:01 GMT", now + milliseconds(250)), milliseconds(750));
}

TEST(ParseRetryAfter, PastDateIsZero) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(0));
  EXPECT_EQ(parse_retry_after("Fri, 01 Mar 2024 11:59:59 GMT", now), milliseconds(0));
}

TEST(ParseRetryAfter, GarbageIsRefused) {
  for (const char* bad : {"", "   ", "soon", "-5", "1.5", "12abc", "0x10",
                          "Fri, 01 Mar 2024 12:00:30 UTC",    // not GMT
                          "Fri, 31 Feb 2024 12:00:30 GMT",    // no such day
                          "Fri, 01 Foo 2024 12:00:30 GMT",    // no such month
                          "Fri, 01 Mar 2024 25:00:30 GMT",    // no such hour
                          "Friday, 01-Mar-24 12:00:30 GMT",   // obsolete RFC 850 form
                          "Fri Mar  1 12:00:30 2024"}) {      // obsolete asctime form
    EXPECT_EQ(parse_retry_after(bad, now), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace lobsync::net::retry_after_test
