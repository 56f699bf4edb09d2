// The rules on their own: which plugin status ends an item, and how long a retry waits.
#include "outbox/delivery_policy.h"

#include <gtest/gtest.h>

namespace lobsync::outbox {
namespace {

using namespace std::chrono_literals;

TEST(DeliveryPolicy, StatusDecidesBetweenSentRetryAndDead) {
  EXPECT_EQ(verdict_for(LOBSYNC_OK, 1, 10), Verdict::sent);
  EXPECT_EQ(verdict_for(LOBSYNC_OK, 10, 10), Verdict::sent);
  for (auto status : {LOBSYNC_E_INVALID_ARGUMENT, LOBSYNC_E_PERMANENT, LOBSYNC_E_NOT_SUPPORTED}) {
    EXPECT_EQ(verdict_for(status, 1, 10), Verdict::dead) << status;
  }
  for (auto status : {LOBSYNC_E_UNAVAILABLE, LOBSYNC_E_AUTH, LOBSYNC_E_CONFIG, LOBSYNC_E_INTERNAL, LOBSYNC_E_ABORTED}) {
    EXPECT_EQ(verdict_for(status, 1, 10), Verdict::retry) << status;
    EXPECT_EQ(verdict_for(status, 9, 10), Verdict::retry) << status;
    EXPECT_EQ(verdict_for(status, 10, 10), Verdict::dead) << status;
  }
}

TEST(DeliveryPolicy, RetryDelayGrowsUpToItsMaximumWithJitter) {
  for (int attempt = 1; attempt <= 40; ++attempt) {
    const auto cap = attempt <= 10 ? std::min<std::chrono::milliseconds>(60s * (1LL << (attempt - 1)), 6h) : 6h;
    for (int i = 0; i < 50; ++i) {
      const auto d = retry_delay(attempt, 60s, 6h);
      ASSERT_GE(d, kMinRetryDelay) << attempt;
      ASSERT_LE(d, cap) << attempt;
    }
  }
  EXPECT_EQ(retry_delay(1, 1ms, 1ms), kMinRetryDelay);  // never an instant retry
}

}  // namespace
}  // namespace lobsync::outbox
