// The rules on their own: which plugin status ends an item, and how long a retry waits.
#include "outbox/delivery_policy.h"

#include <gtest/gtest.h>

namespace lobsync::outbox::delivery_policy_test {
namespace {

using namespace std::chrono_literals;

TEST(DeliveryPolicy, StatusAndTheFailingPeriodDecideBetweenSentRetryAndDead) {
  EXPECT_EQ(verdict_for(CallStatus::ok, 0ms, 72h), Verdict::sent);
  EXPECT_EQ(verdict_for(CallStatus::ok, 100h, 72h), Verdict::sent);
  for (auto status : {CallStatus::invalid_argument, CallStatus::permanent, CallStatus::not_supported}) {
    EXPECT_EQ(verdict_for(status, 0ms, 72h), Verdict::dead) << status;  // at the first attempt
    EXPECT_TRUE(permanent_failure(status)) << status;
  }
  for (auto status : {CallStatus::unavailable, CallStatus::auth, CallStatus::config, CallStatus::internal, CallStatus::aborted}) {
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
}  // namespace lobsync::outbox::delivery_policy_test
