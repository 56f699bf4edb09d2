#include "net/backoff.h"
#include "net/log_url.h"

#include <gtest/gtest.h>

namespace lobsync::net::backoff_test {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, CapDoublesFromInitialUpToMax) {
  EXPECT_EQ(backoff_cap(1, milliseconds(500), milliseconds(30000)), milliseconds(500));
  EXPECT_EQ(backoff_cap(2, milliseconds(500), milliseconds(30000)), milliseconds(1000));
  EXPECT_EQ(backoff_cap(3, milliseconds(500), milliseconds(30000)), milliseconds(2000));
  EXPECT_EQ(backoff_cap(7, milliseconds(500), milliseconds(30000)), milliseconds(30000));
  EXPECT_EQ(backoff_cap(1000, milliseconds(500), milliseconds(30000)), milliseconds(30000));
}

TEST(Backoff, FullJitterStaysWithinZeroAndCap) {
  for (int i = 0; i < 1000; ++i) {
    auto w = full_jitter(milliseconds(100));
    EXPECT_GE(w.count(), 0);
    EXPECT_LE(w.count(), 100);
  }
  EXPECT_EQ(full_jitter(milliseconds(0)), milliseconds(0));
}

TEST(LoggableUrl, DropsQueryFragmentAndUserInfo) {
  EXPECT_EQ(loggable_url("https://user:pw@sis.example:8443/api/v1/students?token=abc#x"),
            "https://sis.example:8443/api/v1/students");
  EXPECT_EQ(loggable_url("http://127.0.0.1/echo?bsn=123"), "http://127.0.0.1/echo");
  EXPECT_EQ(loggable_url("not a url"), "<invalid url>");
}

}  // namespace
}  // namespace lobsync::net::backoff_test
