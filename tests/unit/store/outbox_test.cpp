// The outbox in a real SQLite file: idempotent enqueueing, leases that expire after a crash,
// stale reports ignored, two connections never claiming the same item, attempts counted when a
// call starts, leases renewed while it runs, the failing period, and an administrator's retry
// and discard (audited).
#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

namespace lobsync::store::outbox_test {
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
  EXPECT_EQ(first[0].attempts, 0);  // a claim is no attempt: that starts with the call
  EXPECT_NE(first[0].claim_token, 0);
  EXPECT_EQ(first[0].claim_token, first[2].claim_token);  // one claim, one token
  EXPECT_EQ(*first[0].lease_until, kT0 + 60s);
  EXPECT_EQ(store->outbox().claim("smtp", 10, kT0, 60s).size(), 2u);
  EXPECT_TRUE(store->outbox().claim("smtp", 10, kT0, 60s).empty());  // all in flight
  EXPECT_EQ(store->outbox().claim("caldav", 10, kT0, 60s).size(), 1u);
}

TEST_F(OutboxTest, SentItemsAreNeverClaimedAgain) {
  auto store = open();
  store->outbox().enqueue("k", "smtp", "mail.send", {}, kT0);
  auto item = store->outbox().claim("smtp", 1, kT0, 60s).at(0);
  EXPECT_TRUE(store->outbox().mark_sent(item.claim(), kT0 + 1s));
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
  ASSERT_TRUE(outbox.mark_sent(claimed[0].claim(), kT0));
  ASSERT_TRUE(outbox.mark_sent(claimed[1].claim(), kT0 + 48h));

  EXPECT_EQ(outbox.forget_sent_requests(kT0 + 24h), 1u);
  EXPECT_EQ(outbox.forget_sent_requests(kT0 + 24h), 0u) << "forgetting twice changes nothing";
  EXPECT_TRUE(outbox.outbox_item(claimed[0].key)->request.empty());
  EXPECT_EQ(outbox.outbox_item(claimed[1].key)->request["message"], "names and addresses");
  EXPECT_EQ(outbox.outbox_item("waiting")->request["message"], "still to send") << "unsent items keep their message";
  EXPECT_FALSE(outbox.enqueue(claimed[0].key, "smtp", "mail.send", {{"message", "again"}}, kT0 + 72h).second);
  EXPECT_EQ(outbox.outbox_item(claimed[0].key)->state, "sent");
}

TEST_F(OutboxTest, AnExpiredLeaseIsClaimedAgainAndTheStaleReportIgnored) {
  OutboxClaim first;
  {
    auto store = open();
    store->outbox().enqueue("k", "smtp", "mail.send", {}, kT0);
    const auto item = store->outbox().claim("smtp", 1, kT0, 60s).at(0);
    first = item.claim();
    ASSERT_EQ(store->outbox().begin_attempt(first, kT0, 60s), 1);
  }  // the worker dies in its call: no report
  auto store = open();  // restarted daemon
  EXPECT_TRUE(store->outbox().claim("smtp", 1, kT0 + 30s, 60s).empty());  // lease still running
  auto again = store->outbox().claim("smtp", 1, kT0 + 61s, 60s);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, first.id);
  EXPECT_NE(again[0].claim_token, first.token);
  EXPECT_EQ(again[0].attempts, 1);  // the dead worker's call counted; this claim has not called yet
  EXPECT_FALSE(store->outbox().mark_sent(first, kT0 + 62s));  // the first claim's late word
  EXPECT_FALSE(store->outbox().renew_lease(first, kT0 + 62s, 60s));
  EXPECT_EQ(store->outbox().outbox_item("k")->state, "in-flight");
  EXPECT_EQ(store->outbox().begin_attempt(again[0].claim(), kT0 + 62s, 60s), 2);
  EXPECT_TRUE(store->outbox().mark_sent(again[0].claim(), kT0 + 62s));
}

TEST_F(OutboxTest, AttemptsAreCountedWhenTheCallStartsNotAtTheClaim) {
  auto store = open();
  for (int i = 0; i < 5; ++i) store->outbox().enqueue("k" + std::to_string(i), "smtp", "mail.send", {}, kT0);
  const auto batch = store->outbox().claim("smtp", 5, kT0, 60s);
  ASSERT_EQ(batch.size(), 5u);
  ASSERT_EQ(store->outbox().begin_attempt(batch[0].claim(), kT0 + 1s, 60s), 1);
  // The worker is killed during its first call: the four it never touched keep attempts 0.
  auto later = store->outbox().claim("smtp", 5, kT0 + 1h, 60s);
  ASSERT_EQ(later.size(), 5u);
  for (const auto& item : later) EXPECT_EQ(item.attempts, item.key == "k0" ? 1 : 0) << item.key;
}

TEST_F(OutboxTest, BeginAttemptRenewsTheLeaseAndRefusesAStolenClaim) {
  auto store = open();
  store->outbox().enqueue("a", "smtp", "mail.send", {}, kT0);
  store->outbox().enqueue("b", "smtp", "mail.send", {}, kT0);
  const auto mine = store->outbox().claim("smtp", 2, kT0, 60s);
  ASSERT_EQ(mine.size(), 2u);
  // "a" waited in the batch past its lease; another dispatcher claimed it meanwhile.
  const auto theirs = store->outbox().claim("smtp", 1, kT0 + 61s, 60s);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].key, "a");
  EXPECT_FALSE(store->outbox().begin_attempt(mine[0].claim(), kT0 + 62s, 60s)) << "not ours any more: skip it";
  EXPECT_EQ(store->outbox().outbox_item("a")->attempts, 0);
  // "b" ran out too but nobody took it: still ours, and its lease runs from now again.
  ASSERT_EQ(store->outbox().begin_attempt(mine[1].claim(), kT0 + 62s, 60s), 1);
  EXPECT_EQ(*store->outbox().outbox_item("b")->lease_until, kT0 + 122s);
  EXPECT_TRUE(store->outbox().claim("smtp", 5, kT0 + 100s, 60s).empty()) << "b is held, a is theirs";
}

TEST_F(OutboxTest, ARenewedLeaseKeepsOtherWorkersAwayForAsLongAsTheCallTakes) {
  auto store = open();
  store->outbox().enqueue("slow", "smtp", "mail.send", {}, kT0);
  const auto item = store->outbox().claim("smtp", 1, kT0, 30s).at(0);
  ASSERT_TRUE(store->outbox().begin_attempt(item.claim(), kT0, 30s));
  // A call of ten minutes, renewed every 10 s: no other claim gets it at any moment.
  for (auto t = kT0 + 10s; t <= kT0 + 10min; t += 10s) {
    ASSERT_TRUE(store->outbox().renew_lease(item.claim(), t, 30s));
    ASSERT_TRUE(store->outbox().claim("smtp", 1, t + 29s, 30s).empty()) << "stolen at " << unix_ms(t);
  }
  EXPECT_TRUE(store->outbox().mark_sent(item.claim(), kT0 + 10min));
  EXPECT_EQ(store->outbox().outbox_item("slow")->attempts, 1);
}

TEST_F(OutboxTest, TheFailingPeriodStartsAtTheFirstFailureAndStays) {
  auto store = open();
  store->outbox().enqueue("r", "smtp", "mail.send", {}, kT0);
  auto fail_at = [&](Instant t) {
    const auto item = store->outbox().claim("smtp", 1, t, 60s).at(0);
    ASSERT_TRUE(store->outbox().begin_attempt(item.claim(), t, 60s));
    ASSERT_TRUE(store->outbox().mark_retry(item.claim(), "451 try later", t, t + 1min));
  };
  EXPECT_FALSE(store->outbox().outbox_item("r")->failing_since);
  fail_at(kT0 + 1h);
  EXPECT_EQ(*store->outbox().outbox_item("r")->failing_since, kT0 + 1h);
  fail_at(kT0 + 2h);
  const auto item = store->outbox().outbox_item("r");
  EXPECT_EQ(*item->failing_since, kT0 + 1h);
  EXPECT_EQ(item->attempts, 2);
}

TEST_F(OutboxTest, RetryWaitsForItsTimeAndDeadStaysDead) {
  auto store = open();
  store->outbox().enqueue("r", "smtp", "mail.send", {}, kT0);
  store->outbox().enqueue("d", "smtp", "mail.send", {}, kT0);
  auto items = store->outbox().claim("smtp", 2, kT0, 60s);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(store->outbox().mark_retry(items[0].claim(), "451 try later", kT0, kT0 + 5min));
  EXPECT_TRUE(store->outbox().mark_dead(items[1].claim(), "550 no such user"));
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
  EXPECT_FALSE(store->outbox().release({item.id, item.claim_token + 1}));  // not the current claim
  EXPECT_TRUE(store->outbox().release(item.claim()));
  EXPECT_FALSE(store->outbox().release(item.claim()));  // no longer in flight
  const auto back = store->outbox().outbox_item("k");
  EXPECT_EQ(back->state, "pending");
  EXPECT_EQ(back->attempts, 0);
  EXPECT_FALSE(back->lease_until);
  auto again = store->outbox().claim("smtp", 1, kT0, 60s);  // due at once, as before
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 0);
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
  for (const auto& item : store->outbox().claim("smtp", 3, kT0, 60s)) store->outbox().mark_dead(item.claim(), "refused");
  const auto dead = store->outbox().outbox_items("dead", 2);
  ASSERT_EQ(dead.size(), 2u);
  EXPECT_EQ(dead[0].key, "x");
  EXPECT_EQ(dead[1].key, "y");
  EXPECT_EQ(dead[0].last_error, "refused");
  EXPECT_TRUE(store->outbox().outbox_items("sent", 10).empty());
}

// Brings "d1", "d2" (smtp) and "d3" (caldav) to dead after two failed attempts each, "p" to
// pending after one, and "s" to sent.
void fill_states(Store& store) {
  auto& outbox = store.outbox();
  for (const char* key : {"d1", "d2", "p", "s"}) outbox.enqueue(key, "smtp", "mail.send", {{"message", "hello"}}, kT0);
  outbox.enqueue("d3", "caldav", "calendar.put", {}, kT0);
  for (const char* channel : {"smtp", "caldav"}) {
    for (int round = 0; round < 2; ++round) {
      const auto t = kT0 + std::chrono::hours(round);
      for (const auto& item : outbox.claim(channel, 10, t, 60s)) {
        ASSERT_TRUE(outbox.begin_attempt(item.claim(), t, 60s));
        if (item.key == "s") outbox.mark_sent(item.claim(), t);
        else if (item.key == "p" || round == 0) outbox.mark_retry(item.claim(), "451 later", t, t + 30min);
        else outbox.mark_dead(item.claim(), "gave up");
      }
    }
  }
}

TEST_F(OutboxTest, RetryMakesDeadAndPendingItemsDueNowWithTheirPeriodAnew) {
  auto store = open();
  fill_states(*store);
  ASSERT_EQ(store->outbox().outbox_item("d1")->state, "dead");
  ASSERT_EQ(store->outbox().outbox_item("p")->state, "pending");
  const auto now = kT0 + 5h;
  const auto changes = store->outbox().retry({"d1", "p", "s", "nope"}, "admin", now);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_TRUE(changes[0].changed);
  EXPECT_EQ(changes[0].previous_state, "dead");
  EXPECT_EQ(changes[0].channel, "smtp");
  EXPECT_TRUE(changes[1].changed);
  EXPECT_FALSE(changes[2].changed) << "sent is final";
  EXPECT_EQ(changes[2].previous_state, "sent");
  EXPECT_FALSE(changes[3].changed);
  EXPECT_EQ(changes[3].previous_state, "") << "unknown key";
  const auto d1 = store->outbox().outbox_item("d1");
  EXPECT_EQ(d1->state, "pending");
  EXPECT_EQ(d1->next_attempt_at, now);
  EXPECT_EQ(d1->attempts, 0);
  EXPECT_FALSE(d1->failing_since) << "the retry period starts again";
  EXPECT_EQ(d1->last_error, "gave up") << "the last error stays until the next attempt";
  EXPECT_EQ(d1->request["message"], "hello");
  EXPECT_EQ(store->outbox().outbox_item("s")->state, "sent");
  EXPECT_EQ(store->outbox().claim("smtp", 10, now, 60s).size(), 2u);  // d1 and p; d2 stays dead

  const auto audit = store->recent_audit(10);
  ASSERT_EQ(audit.size(), 2u) << "one entry per change, none for refusals";
  EXPECT_EQ(audit[1].action, "outbox.retry");
  EXPECT_EQ(audit[1].actor, "admin");
  EXPECT_EQ(audit[1].subject, "outbox:d1");
  EXPECT_EQ(audit[1].detail["from"], "dead");
  EXPECT_EQ(audit[1].detail["attempts"], 2);
  EXPECT_FALSE(audit[1].detail.contains("message"));
}

TEST_F(OutboxTest, RetryOfAllDeadItemsCanKeepToOneChannel) {
  auto store = open();
  fill_states(*store);
  auto changes = store->outbox().retry_dead("caldav", "admin", kT0 + 5h);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].key, "d3");
  EXPECT_EQ(store->outbox().outbox_item("d1")->state, "dead");
  changes = store->outbox().retry_dead("", "admin", kT0 + 5h);
  ASSERT_EQ(changes.size(), 2u);
  for (const auto& c : changes) EXPECT_TRUE(c.changed) << c.key;
  EXPECT_TRUE(store->outbox().outbox_items("dead", 10).empty());
  EXPECT_TRUE(store->outbox().retry_dead("", "admin", kT0 + 5h).empty());
}

TEST_F(OutboxTest, DiscardIsFinalForgetsTheMessageAndKeepsTheKeyBlocked) {
  auto store = open();
  fill_states(*store);
  const auto changes = store->outbox().discard({"d1", "p", "s"}, "admin", kT0 + 5h);
  EXPECT_TRUE(changes[0].changed);
  EXPECT_TRUE(changes[1].changed);
  EXPECT_FALSE(changes[2].changed);
  const auto d1 = store->outbox().outbox_item("d1");
  EXPECT_EQ(d1->state, "discarded");
  EXPECT_TRUE(d1->request.empty()) << "never sent, so its personal data goes now";
  EXPECT_TRUE(store->outbox().claim("smtp", 10, kT0 + 100h, 60s).empty()) << "never due again";
  EXPECT_FALSE(store->outbox().enqueue("d1", "smtp", "mail.send", {}, kT0 + 6h).second) << "the key still blocks a repeat";
  EXPECT_FALSE(store->outbox().retry({"d1"}, "admin", kT0 + 6h)[0].changed) << "discarded is final";
  EXPECT_FALSE(store->outbox().discard({"d1"}, "admin", kT0 + 6h)[0].changed);
  const auto counts = store->outbox().outbox_counts();
  EXPECT_NE(std::find(counts.begin(), counts.end(), std::pair<std::string, std::int64_t>{"discarded", 2}), counts.end());
  const auto audit = store->recent_audit(10);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "outbox.discard");
  EXPECT_EQ(audit[0].subject, "outbox:p");
  EXPECT_EQ(audit[0].detail["from"], "pending");
}

TEST_F(OutboxTest, ListingFiltersByStateAndChannel) {
  auto store = open();
  fill_states(*store);
  EXPECT_EQ(store->outbox().outbox_items(OutboxFilter{"", "", 100}).size(), 5u);
  EXPECT_EQ(store->outbox().outbox_items(OutboxFilter{"dead", "", 100}).size(), 3u);
  const auto dead_smtp = store->outbox().outbox_items(OutboxFilter{"dead", "smtp", 100});
  ASSERT_EQ(dead_smtp.size(), 2u);
  EXPECT_EQ(dead_smtp[0].key, "d1");
  EXPECT_EQ(store->outbox().outbox_items(OutboxFilter{"", "caldav", 100}).size(), 1u);
  EXPECT_EQ(store->outbox().outbox_items(OutboxFilter{"", "", 2}).size(), 2u);
}

TEST_F(OutboxTest, AnUpgradeKeepsEveryItemAndStartsTheFailingPeriodOfFailedOnes) {
  const auto file = dir_ / "lobsync.db";
  {
    // A database as the version before claim tokens left it.
    auto db = sqlite::Database::open(file);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (const auto& m : sqlite::migrations()) {
      if (m.version >= 10) break;
      db.exec(m.sql);
      db.exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", 0)");
    }
    db.exec(
        "INSERT INTO outbox (key, channel, operation, request, state, attempts, next_attempt_at_ms, lease_until_ms, "
        "last_error, created_at_ms, sent_at_ms) VALUES "
        "('waiting', 'smtp', 'mail.send', '{\"message\":\"m\"}', 'pending', 3, 2000, NULL, '451', 1000, NULL), "
        "('fresh', 'smtp', 'mail.send', '{}', 'pending', 0, 1000, NULL, '', 1000, NULL), "
        "('held', 'smtp', 'mail.send', '{}', 'in-flight', 1, 1000, 5000, '', 1000, NULL), "
        "('gone', 'smtp', 'mail.send', '{}', 'dead', 10, 1000, NULL, 'gave up after 10 attempts', 1000, NULL), "
        "('done', 'smtp', 'mail.send', '{}', 'sent', 1, 1000, NULL, '', 1000, 1500)");
  }
  auto store = open();
  EXPECT_EQ(store->info().schema_version, sqlite::latest_schema_version());
  const auto waiting = store->outbox().outbox_item("waiting");
  EXPECT_EQ(waiting->state, "pending");
  EXPECT_EQ(waiting->attempts, 3);
  EXPECT_EQ(waiting->request["message"], "m");
  EXPECT_EQ(*waiting->failing_since, instant_from_unix_ms(1000));
  EXPECT_FALSE(store->outbox().outbox_item("fresh")->failing_since);
  EXPECT_EQ(store->outbox().outbox_item("held")->claim_token, 0);  // the old worker's claim cannot report
  EXPECT_EQ(store->outbox().outbox_item("gone")->state, "dead");
  EXPECT_EQ(*store->outbox().outbox_item("done")->sent_at, instant_from_unix_ms(1500));
  EXPECT_TRUE(store->outbox().retry({"gone"}, "admin", kT0)[0].changed) << "dead items of old can be retried";
}

// The columns of one item as SQLite holds them: (request, message or "<null>").
std::pair<std::string, std::string> stored_columns(const std::filesystem::path& file, const std::string& key) {
  auto db = sqlite::Database::open(file);
  sqlite::Statement query(db, "SELECT request, message FROM outbox WHERE key = ?1");
  query.bind(1, key);
  if (!query.step()) return {"<no item>", "<no item>"};
  return {query.text(0), query.is_null(1) ? "<null>" : query.text(1)};
}

// A finished MIME message as the planner builds it, with what JSON would have to escape.
const std::string kMime =
    "From: LOB <lob@school.example>\r\nSubject: =?UTF-8?B?R2VzcHJlaw==?=\r\nContent-Type: multipart/mixed; "
    "boundary=\"=_lobsync_mixed\"\r\n\r\n--=_lobsync_mixed\r\nText=20met=C3=A9 \\ \"quote\"=\r\n\tend\r\n";

TEST_F(OutboxTest, AMessageIsStoredInItsOwnColumnAndReadBackAsQueued) {
  auto store = open();
  const nlohmann::json request{{"idempotency_key", "invite:m1:0:ab"},
                               {"from", "lob@school.example"},
                               {"recipients", {"ouder@example.nl"}},
                               {"message", kMime}};
  store->outbox().enqueue("invite:m1:0:ab", "smtp", "mail.send", request, kT0);
  const auto [envelope, message] = stored_columns(dir_ / "lobsync.db", "invite:m1:0:ab");
  EXPECT_EQ(message, kMime) << "the message is stored as it is, not escaped";
  EXPECT_EQ(envelope.find("message"), std::string::npos) << envelope;
  EXPECT_EQ(nlohmann::json::parse(envelope)["recipients"][0], "ouder@example.nl");

  EXPECT_EQ(store->outbox().outbox_item("invite:m1:0:ab")->request, request);
  const auto claimed = store->outbox().claim("smtp", 10, kT0, 60s);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].request, request) << "the dispatcher hands the plugin the request that was queued";
  EXPECT_EQ(claimed[0].request.dump(), request.dump());
}

TEST_F(OutboxTest, ARequestWithoutAStringMessageIsStoredWhole) {
  auto store = open();
  const nlohmann::json calendar{{"calendar", "mentor@school.example"}, {"uid", "m1@school.example"}, {"ics", "BEGIN"}};
  const nlohmann::json odd{{"message", {{"not", "a string"}}}};
  store->outbox().enqueue("cal", "caldav", "calendar.put", calendar, kT0);
  store->outbox().enqueue("odd", "smtp", "mail.send", odd, kT0);
  store->outbox().enqueue("list", "smtp", "mail.send", nlohmann::json::array({1, 2}), kT0);
  EXPECT_EQ(stored_columns(dir_ / "lobsync.db", "cal").second, "<null>");
  EXPECT_EQ(stored_columns(dir_ / "lobsync.db", "odd").second, "<null>");
  EXPECT_EQ(store->outbox().outbox_item("cal")->request, calendar);
  EXPECT_EQ(store->outbox().outbox_item("odd")->request, odd);
  EXPECT_EQ(store->outbox().outbox_item("list")->request, nlohmann::json::array({1, 2}));
}

TEST_F(OutboxTest, AMessageThatIsNotUtf8StaysInTheJsonWithItsBadBytesReplaced) {
  auto store = open();
  store->outbox().enqueue("bad", "smtp", "mail.send", {{"message", std::string("caf\xe9")}}, kT0);
  EXPECT_EQ(stored_columns(dir_ / "lobsync.db", "bad").second, "<null>");
  EXPECT_EQ(store->outbox().outbox_item("bad")->request["message"], "caf\xef\xbf\xbd");
  EXPECT_NO_THROW((void)store->outbox().outbox_item("bad")->request.dump()) << "the plugin call can serialise it";
  // A bad byte after a long ASCII start, and a valid multi-byte one there.
  const std::string ascii(200, 'a');
  store->outbox().enqueue("late", "smtp", "mail.send", {{"message", ascii + "caf\xe9"}}, kT0);
  store->outbox().enqueue("fine", "smtp", "mail.send", {{"message", ascii + "caf\xc3\xa9"}}, kT0);
  EXPECT_EQ(stored_columns(dir_ / "lobsync.db", "late").second, "<null>");
  EXPECT_EQ(store->outbox().outbox_item("late")->request["message"], ascii + "caf\xef\xbf\xbd");
  EXPECT_EQ(stored_columns(dir_ / "lobsync.db", "fine").second, ascii + "caf\xc3\xa9");
}

TEST_F(OutboxTest, ForgettingOrDiscardingAnItemEmptiesItsMessageToo) {
  auto store = open();
  store->outbox().enqueue("sent", "smtp", "mail.send", {{"message", kMime}, {"from", "a@b.example"}}, kT0);
  store->outbox().enqueue("dropped", "smtp", "mail.send", {{"message", kMime}}, kT0);
  const auto claimed = store->outbox().claim("smtp", 1, kT0, 60s).at(0);
  ASSERT_EQ(claimed.key, "sent");
  ASSERT_TRUE(store->outbox().begin_attempt(claimed.claim(), kT0, 60s));
  ASSERT_TRUE(store->outbox().mark_sent(claimed.claim(), kT0));
  EXPECT_EQ(store->outbox().forget_sent_requests(kT0 + 1h), 1u);
  EXPECT_EQ(stored_columns(dir_ / "lobsync.db", "sent"), std::make_pair(std::string("{}"), std::string("<null>")));
  EXPECT_EQ(store->outbox().outbox_item("sent")->request, nlohmann::json::object());
  EXPECT_EQ(store->outbox().forget_sent_requests(kT0 + 1h), 0u) << "nothing left to forget";

  ASSERT_TRUE(store->outbox().discard({"dropped"}, "admin", kT0)[0].changed);
  EXPECT_EQ(stored_columns(dir_ / "lobsync.db", "dropped"), std::make_pair(std::string("{}"), std::string("<null>")));
}

TEST_F(OutboxTest, AnUpgradeMovesQueuedMessagesIntoTheirColumnAndSendsThemUnchanged) {
  const auto file = dir_ / "lobsync.db";
  const nlohmann::json queued{{"idempotency_key", "invite:m1:0:ab"},
                              {"from", "lob@school.example"},
                              {"recipients", {"ouder@example.nl"}},
                              {"message", kMime}};
  {
    // A database as the version before the message column left it, written as that version did.
    auto db = sqlite::Database::open(file);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (const auto& m : sqlite::migrations()) {
      if (m.version >= 14) break;
      db.exec(m.sql);
      db.exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", 0)");
    }
    sqlite::Statement insert(db,
                             "INSERT INTO outbox (key, channel, operation, request, state, next_attempt_at_ms, "
                             "created_at_ms, sent_at_ms) VALUES (?1, 'smtp', 'mail.send', ?2, ?3, 1000, 1000, "
                             "CASE WHEN ?3 = 'sent' THEN 1500 END)");
    const auto old_shape = [&](const std::string& key, const nlohmann::json& request, const std::string& state) {
      insert.bind(1, key).bind(2, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).bind(3, state);
      insert.run();
      insert.reset();
    };
    old_shape("invite:m1:0:ab", queued, "pending");
    old_shape("digest", {{"message", "kort"}, {"from", "x@y.example"}}, "dead");
    old_shape("calendar", {{"uid", "u"}, {"ics", "BEGIN:VCALENDAR"}}, "pending");
    old_shape("forgotten", nlohmann::json::object(), "sent");
    old_shape("delivered", {{"message", kMime}}, "sent");
    old_shape("number", {{"message", 42}}, "pending");
  }
  auto store = open();
  EXPECT_EQ(store->info().schema_version, sqlite::latest_schema_version());
  const auto [envelope, message] = stored_columns(file, "invite:m1:0:ab");
  EXPECT_EQ(message, kMime);
  EXPECT_EQ(envelope.find("message"), std::string::npos) << envelope;
  EXPECT_EQ(stored_columns(file, "calendar").second, "<null>");
  EXPECT_EQ(stored_columns(file, "forgotten"), std::make_pair(std::string("{}"), std::string("<null>")));
  EXPECT_EQ(stored_columns(file, "number").second, "<null>") << "only a string message moves";
  EXPECT_EQ(stored_columns(file, "delivered").second, "<null>") << "sent mail is not rewritten at an upgrade";
  EXPECT_EQ(store->outbox().outbox_item("delivered")->request["message"], kMime);
  EXPECT_EQ(stored_columns(file, "digest").second, "kort") << "a dead item may be retried: it moves";

  const auto claimed = store->outbox().claim("smtp", 10, kT0, 60s);
  ASSERT_EQ(claimed.size(), 3u);  // the pending ones
  EXPECT_EQ(claimed[0].key, "invite:m1:0:ab");
  EXPECT_EQ(claimed[0].request, queued) << "an item queued by the older version is sent byte for byte as queued";
  EXPECT_EQ(claimed[0].request.dump(), queued.dump());
  EXPECT_EQ(claimed[2].key, "number");
  EXPECT_EQ(claimed[2].request, nlohmann::json({{"message", 42}}));
  EXPECT_EQ(store->outbox().outbox_item("digest")->request,
            nlohmann::json({{"message", "kort"}, {"from", "x@y.example"}}));
  EXPECT_EQ(store->outbox().outbox_item("calendar")->request, nlohmann::json({{"uid", "u"}, {"ics", "BEGIN:VCALENDAR"}}));
  EXPECT_TRUE(store->outbox().retry({"digest"}, "admin", kT0)[0].changed) << "its dead items can still be retried";
  EXPECT_EQ(store->outbox().forget_sent_requests(instant_from_unix_ms(2000)), 1u) << "the old sent item is forgotten";
  EXPECT_EQ(stored_columns(file, "delivered"), std::make_pair(std::string("{}"), std::string("<null>")));
}

TEST_F(OutboxTest, AnItemStillHoldingItsMessageInTheRequestIsReadAsWritten) {
  auto store = open();
  {
    // Both shapes are read: a row whose message column is empty keeps its message in the JSON.
    auto db = sqlite::Database::open(dir_ / "lobsync.db");
    db.exec("INSERT INTO outbox (key, channel, operation, request, state, next_attempt_at_ms, created_at_ms) "
            "VALUES ('inline', 'smtp', 'mail.send', '{\"message\":\"M\\r\\n\"}', 'pending', 0, 0)");
  }
  EXPECT_EQ(store->outbox().outbox_item("inline")->request["message"], "M\r\n");
}

}  // namespace
}  // namespace lobsync::store::outbox_test
