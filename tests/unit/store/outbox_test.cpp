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

TEST_F(OutboxTest, OldSentMessagesAreForgottenButTheirKeysStillBlockARepeat) {
  auto store = open();
  auto& outbox = store->outbox();
  outbox.enqueue("old", "smtp", "mail.send", {{"message", "names and addresses"}}, kT0);
  outbox.enqueue("recent", "smtp", "mail.send", {{"message", "names and addresses"}}, kT0);
  outbox.enqueue("waiting", "smtp", "mail.send", {{"message", "still to send"}}, kT0);
  const auto claimed = outbox.claim("smtp", 2, kT0, 60s);
  ASSERT_EQ(claimed.size(), 2u);
  ASSERT_TRUE(outbox.mark_sent(claimed[0].id, claimed[0].attempts, kT0));
  ASSERT_TRUE(outbox.mark_sent(claimed[1].id, claimed[1].attempts, kT0 + 48h));

  EXPECT_EQ(outbox.forget_sent_requests(kT0 + 24h), 1u);
  EXPECT_EQ(outbox.forget_sent_requests(kT0 + 24h), 0u) << "forgetting twice changes nothing";
  EXPECT_TRUE(outbox.outbox_item(claimed[0].key)->request.empty());
  EXPECT_EQ(outbox.outbox_item(claimed[1].key)->request["message"], "names and addresses");
  EXPECT_EQ(outbox.outbox_item("waiting")->request["message"], "still to send") << "unsent items keep their message";
  EXPECT_FALSE(outbox.enqueue(claimed[0].key, "smtp", "mail.send", {{"message", "again"}}, kT0 + 72h).second);
  EXPECT_EQ(outbox.outbox_item(claimed[0].key)->state, "sent");
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

TEST_F(OutboxTest, ReleaseGivesAnUntouchedClaimBackWithoutCountingIt) {
  auto store = open();
  store->outbox().enqueue("k", "smtp", "mail.send", {}, kT0);
  auto item = store->outbox().claim("smtp", 1, kT0, 60s).at(0);
  EXPECT_FALSE(store->outbox().release(item.id, item.attempts + 1));  // not the current claim
  EXPECT_TRUE(store->outbox().release(item.id, item.attempts));
  EXPECT_FALSE(store->outbox().release(item.id, item.attempts));  // no longer in flight
  const auto back = store->outbox().outbox_item("k");
  EXPECT_EQ(back->state, "pending");
  EXPECT_EQ(back->attempts, 0);
  EXPECT_FALSE(back->lease_until);
  auto again = store->outbox().claim("smtp", 1, kT0, 60s);  // due at once, as before
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
}

TEST_F(OutboxTest, DueWorkIsGroupedByChannelAndOperation) {
  auto store = open();
  store->outbox().enqueue("m1", "smtp", "mail.send", {}, kT0);
  store->outbox().enqueue("m2", "smtp", "mail.send", {}, kT0);
  store->outbox().enqueue("c1", "caldav", "calendar.put", {}, kT0);
  store->outbox().enqueue("c2", "caldav", "calendar.delete", {}, kT0 + 1h);  // not due yet
  store->outbox().enqueue("lost", "caldav", "calendar.delete", {}, kT0);
  store->outbox().claim("caldav", 10, kT0, 60s);  // c1 and lost in flight
  auto due = store->outbox().outbox_due(kT0);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].channel, "smtp");
  EXPECT_EQ(due[0].items, 2);
  due = store->outbox().outbox_due(kT0 + 2h);  // the leases ran out; c2 came due
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].channel, "caldav");
  EXPECT_EQ(due[0].operation, "calendar.delete");
  EXPECT_EQ(due[0].items, 2);
  EXPECT_EQ(due[1].operation, "calendar.put");
  EXPECT_EQ(due[2].channel, "smtp");
}

TEST_F(OutboxTest, DeferMovesDueItemsWithoutCountingAnAttempt) {
  auto store = open();
  store->outbox().enqueue("a", "ghost", "mail.send", {}, kT0);
  store->outbox().enqueue("b", "ghost", "mail.send", {}, kT0);
  store->outbox().enqueue("later", "ghost", "mail.send", {}, kT0 + 1h);
  store->outbox().enqueue("cal", "ghost", "calendar.put", {}, kT0);
  const auto keys = store->outbox().defer("ghost", "mail.send", "no such channel", kT0, kT0 + 60s);
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b"}));
  const auto a = store->outbox().outbox_item("a");
  EXPECT_EQ(a->state, "pending");
  EXPECT_EQ(a->attempts, 0);
  EXPECT_EQ(a->last_error, "no such channel");
  EXPECT_EQ(a->next_attempt_at, kT0 + 60s);
  EXPECT_EQ(store->outbox().outbox_item("later")->next_attempt_at, kT0 + 1h);  // not due: untouched
  EXPECT_EQ(store->outbox().outbox_item("cal")->last_error, "");               // other operation
  EXPECT_TRUE(store->outbox().defer("nobody", "mail.send", "x", kT0, kT0 + 60s).empty());
}

TEST_F(OutboxTest, ItemsAreListedByStateOldestFirst) {
  auto store = open();
  for (const char* key : {"x", "y", "z"}) store->outbox().enqueue(key, "smtp", "mail.send", {}, kT0);
  for (const auto& item : store->outbox().claim("smtp", 3, kT0, 60s)) store->outbox().mark_dead(item.id, 1, "refused");
  const auto dead = store->outbox().outbox_items("dead", 2);
  ASSERT_EQ(dead.size(), 2u);
  EXPECT_EQ(dead[0].key, "x");
  EXPECT_EQ(dead[1].key, "y");
  EXPECT_EQ(dead[0].last_error, "refused");
  EXPECT_TRUE(store->outbox().outbox_items("sent", 10).empty());
}

}  // namespace
}  // namespace lobsync::store
