// The outbox in a real SQLite file: idempotent enqueueing, leases that expire after a crash,
// stale reports ignored, and two connections never claiming the same item.
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace lobsync::store {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'774'000'000'000);

class OutboxTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() { return open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }
  test::ScratchDir dir_;
  ManualClock clock_{kT0};
};

TEST_F(OutboxTest, EnqueueIsIdempotentByKey) {
  auto store = open();
  auto [id, added] = store->outbox().enqueue("invite/42/seq1", "smtp", "mail.send", {{"message", "first"}}, kT0);
  EXPECT_TRUE(added);
  auto [again, added_again] = store->outbox().enqueue("invite/42/seq1", "smtp", "mail.send", {{"message", "second"}}, kT0);
  EXPECT_EQ(again, id);
  EXPECT_FALSE(added_again);
  EXPECT_EQ(store->outbox().outbox_item("invite/42/seq1")->request["message"], "first");
}

TEST_F(OutboxTest, ClaimTakesDueItemsOfOneChannelUpToTheLimit) {
  auto store = open();
  for (int i = 0; i < 5; ++i) store->outbox().enqueue("m" + std::to_string(i), "smtp", "mail.send", {}, kT0);
  store->outbox().enqueue("c0", "caldav", "calendar.put", {}, kT0);
  auto first = store->outbox().claim("smtp", 3, kT0, 60s);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].state, "in-flight");
  EXPECT_EQ(first[0].attempts, 1);
  EXPECT_EQ(*first[0].lease_until, kT0 + 60s);
  EXPECT_EQ(store->outbox().claim("smtp", 10, kT0, 60s).size(), 2u);
  EXPECT_TRUE(store->outbox().claim("smtp", 10, kT0, 60s).empty());  // all in flight
  EXPECT_EQ(store->outbox().claim("caldav", 10, kT0, 60s).size(), 1u);
}

TEST_F(OutboxTest, SentItemsAreNeverClaimedAgain) {
  auto store = open();
  store->outbox().enqueue("k", "smtp", "mail.send", {}, kT0);
  auto item = store->outbox().claim("smtp", 1, kT0, 60s).at(0);
  EXPECT_TRUE(store->outbox().mark_sent(item.id, item.attempts, kT0 + 1s));
  EXPECT_TRUE(store->outbox().claim("smtp", 1, kT0 + 1h, 60s).empty());
  const auto sent = store->outbox().outbox_item("k");
  EXPECT_EQ(sent->state, "sent");
  EXPECT_EQ(*sent->sent_at, kT0 + 1s);
}

TEST_F(OutboxTest, AnExpiredLeaseIsClaimedAgainAndTheStaleReportIgnored) {
  std::int64_t id = 0;
  {
    auto store = open();
    store->outbox().enqueue("k", "smtp", "mail.send", {}, kT0);
    id = store->outbox().claim("smtp", 1, kT0, 60s).at(0).id;
  }  // the worker dies here: no report
  auto store = open();  // restarted daemon
  EXPECT_TRUE(store->outbox().claim("smtp", 1, kT0 + 30s, 60s).empty());  // lease still running
  auto again = store->outbox().claim("smtp", 1, kT0 + 61s, 60s);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, id);
  EXPECT_EQ(again[0].attempts, 2);
  EXPECT_FALSE(store->outbox().mark_sent(id, 1, kT0 + 62s));  // the first claim's late word
  EXPECT_EQ(store->outbox().outbox_item("k")->state, "in-flight");
  EXPECT_TRUE(store->outbox().mark_sent(id, 2, kT0 + 62s));
}

TEST_F(OutboxTest, RetryWaitsForItsTimeAndDeadStaysDead) {
  auto store = open();
  store->outbox().enqueue("r", "smtp", "mail.send", {}, kT0);
  store->outbox().enqueue("d", "smtp", "mail.send", {}, kT0);
  auto items = store->outbox().claim("smtp", 2, kT0, 60s);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(store->outbox().mark_retry(items[0].id, 1, "451 try later", kT0 + 5min));
  EXPECT_TRUE(store->outbox().mark_dead(items[1].id, 1, "550 no such user"));
  EXPECT_TRUE(store->outbox().claim("smtp", 10, kT0 + 4min, 60s).empty());
  auto retried = store->outbox().claim("smtp", 10, kT0 + 5min, 60s);
  ASSERT_EQ(retried.size(), 1u);
  EXPECT_EQ(retried[0].key, "r");
  EXPECT_EQ(retried[0].last_error, "451 try later");
  const auto counts = store->outbox().outbox_counts();
  EXPECT_NE(std::find(counts.begin(), counts.end(), std::pair<std::string, std::int64_t>{"dead", 1}), counts.end());
  EXPECT_EQ(store->outbox().outbox_item("d")->last_error, "550 no such user");
}

TEST_F(OutboxTest, TwoConnectionsNeverClaimTheSameItem) {
  {
    auto store = open();
    for (int i = 0; i < 200; ++i) store->outbox().enqueue("k" + std::to_string(i), "smtp", "mail.send", {}, kT0);
  }
  auto a = open();
  auto b = open();
  std::vector<std::int64_t> got_a, got_b;
  auto worker = [](Store& store, std::vector<std::int64_t>& got) {
    for (;;) {
      auto items = store.outbox().claim("smtp", 3, kT0, 60s);
      if (items.empty()) return;
      for (const auto& item : items) got.push_back(item.id);
    }
  };
  std::thread ta(worker, std::ref(*a), std::ref(got_a));
  std::thread tb(worker, std::ref(*b), std::ref(got_b));
  ta.join();
  tb.join();
  std::set<std::int64_t> all(got_a.begin(), got_a.end());
  all.insert(got_b.begin(), got_b.end());
  EXPECT_EQ(all.size(), 200u);
  EXPECT_EQ(got_a.size() + got_b.size(), 200u);  // no item twice
}

}  // namespace
}  // namespace lobsync::store
