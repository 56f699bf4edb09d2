// The rules on their own: which plugin status ends an item, and how long a retry waits.
#include "outbox/delivery_policy.h"

#include <gtest/gtest.h>

namespace lobsync::outbox {
namespace {

using namespace std::chrono_literals;

TEST(DeliveryPolicy, StatusAndTheFailingPeriodDecideBetweenSentRetryAndDead) {
  EXPECT_EQ(verdict_for(LOBSYNC_OK, 0ms, 72h), Verdict::sent);
  EXPECT_EQ(verdict_for(LOBSYNC_OK, 100h, 72h), Verdict::sent);
  for (auto status : {LOBSYNC_E_INVALID_ARGUMENT, LOBSYNC_E_PERMANENT, LOBSYNC_E_NOT_SUPPORTED}) {
    EXPECT_EQ(verdict_for(status, 0ms, 72h), Verdict::dead) << status;  // at the first attempt
    EXPECT_TRUE(permanent_failure(status)) << status;
  }
  for (auto status : {LOBSYNC_E_UNAVAILABLE, LOBSYNC_E_AUTH, LOBSYNC_E_CONFIG, LOBSYNC_E_INTERNAL, LOBSYNC_E_ABORTED}) {
    EXPECT_FALSE(permanent_failure(status)) << status;
    EXPECT_EQ(verdict_for(status, 0ms, 72h), Verdict::retry) << status;
    EXPECT_EQ(verdict_for(status, 72h - 1ms, 72h), Verdict::retry) << status;  // however many attempts that took
    EXPECT_EQ(verdict_for(status, 72h, 72h), Verdict::dead) << status;
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
