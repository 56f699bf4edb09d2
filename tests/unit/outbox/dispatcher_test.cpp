// The dispatcher over a real outbox and real plugin instances: what is delivered, retried with
// backoff, given up, deferred for a channel that cannot take it, and what a crash leaves.
#include "dispatcher_fixture.h"

#include "core/metrics.h"

#include <set>

namespace lobsync::outbox {
namespace {

double deliveries_metric(const std::string& channel, const std::string& outcome) {
  return metrics::global().value("lobsync_outbox_deliveries_total", {{"channel", channel}, {"outcome", outcome}});
}

TEST_F(DispatcherTest, DeliversEveryDueItemOnceAndMarksItSent) {
  auto& dispatcher = start();
  enqueue("invite/1", "sink", {}, "mail.send");
  enqueue("event/1", "sink", {}, "calendar.put");
  enqueue("record/1", "sink", {}, "dossier.push");
  const double sent_before = deliveries_metric("sink", "sent");

  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.sent, 3);
  EXPECT_EQ(result.failed, 0);
  EXPECT_EQ(result.retry_later, 0);
  EXPECT_TRUE(result.failures.empty());

  const auto lines = deliveries();
  ASSERT_EQ(lines.size(), 3u);
  std::set<std::pair<std::string, std::string>> delivered;
  for (const auto& line : lines) delivered.emplace(line["key"], line["operation"]);
  EXPECT_EQ(delivered, (std::set<std::pair<std::string, std::string>>{
                           {"invite/1", "mail.send"}, {"event/1", "calendar.put"}, {"record/1", "dossier.push"}}));
  const auto sent = item("invite/1");
  EXPECT_EQ(sent.state, "sent");
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_EQ(*sent.sent_at, kT0);
  EXPECT_EQ(deliveries_metric("sink", "sent") - sent_before, 3);
  EXPECT_EQ(metrics::global().value("lobsync_outbox_items", {{"state", "sent"}}), 3);
  EXPECT_EQ(metrics::global().value("lobsync_outbox_items", {{"state", "pending"}}), 0);
}

TEST_F(DispatcherTest, RunOnceIsIdempotentWhenNothingIsDue) {
  auto& dispatcher = start();
  enqueue("done");
  enqueue("later", "sink", {{"fail", "unavailable"}, {"fail_times", 1}});
  auto first = dispatcher.run_once();
  EXPECT_EQ(first.sent, 1);
  EXPECT_EQ(first.retry_later, 1);
  for (int i = 0; i < 3; ++i) {
    const auto again = dispatcher.run_once();  // same instant: "later" waits for its backoff
    EXPECT_EQ(again.sent, 0);
    EXPECT_EQ(again.failed, 0);
    EXPECT_EQ(again.retry_later, 0);
    EXPECT_TRUE(again.failures.empty());
  }
  EXPECT_EQ(deliveries().size(), 1u);
  EXPECT_EQ(item("later").attempts, 1);
  EXPECT_EQ(item("done").attempts, 1);
}

TEST_F(DispatcherTest, RetryWaitsForItsBackoffAndThenDelivers) {
  auto& dispatcher = start();
  enqueue("flaky", "sink", {{"fail", "unavailable"}, {"fail_times", 2}});

  auto result = dispatcher.run_once();
  ASSERT_EQ(result.retry_later, 1);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].key, "flaky");
  EXPECT_EQ(result.failures[0].channel, "sink");
  EXPECT_FALSE(result.failures[0].dead);
  EXPECT_NE(result.failures[0].error.find("temporarily unavailable: simulated unavailable failure 1"), std::string::npos)
      << result.failures[0].error;
  auto pending = item("flaky");
  EXPECT_EQ(pending.state, "pending");
  EXPECT_EQ(pending.attempts, 1);
  EXPECT_EQ(pending.last_error, result.failures[0].error);
  EXPECT_GE(pending.next_attempt_at, kT0 + 1s);
  EXPECT_LE(pending.next_attempt_at, kT0 + 60s);  // first retry: at most backoff_base

  clock_.set(pending.next_attempt_at - 1ms);
  result = dispatcher.run_once();
  EXPECT_EQ(result.retry_later + result.sent + result.failed, 0);  // not due yet
  EXPECT_EQ(item("flaky").attempts, 1);

  clock_.set(pending.next_attempt_at);
  result = dispatcher.run_once();
  EXPECT_EQ(result.retry_later, 1);  // second simulated failure
  const auto second = item("flaky");
  EXPECT_EQ(second.attempts, 2);
  EXPECT_GE(second.next_attempt_at, clock_.now() + 1s);
  EXPECT_LE(second.next_attempt_at, clock_.now() + 120s);  // base * 2

  clock_.set(second.next_attempt_at);
  result = dispatcher.run_once();
  EXPECT_EQ(result.sent, 1);
  EXPECT_EQ(item("flaky").state, "sent");
  EXPECT_EQ(item("flaky").attempts, 3);
  EXPECT_EQ(deliveries().size(), 1u);
}

TEST_F(DispatcherTest, RetryDelaysAreJitteredWithinTheirBounds) {
  settings_.max_attempts = 10;
  auto& dispatcher = start();
  for (int i = 0; i < 40; ++i) enqueue("k" + std::to_string(i), "sink", {{"fail", "unavailable"}});
  for (int attempt = 1; attempt <= 5; ++attempt) {
    const auto now = clock_.now();
    ASSERT_EQ(dispatcher.run_once().retry_later, 40);
    const auto cap = std::min<std::chrono::milliseconds>(60s * (1 << (attempt - 1)), 600s);
    std::set<Instant> seen;
    Instant latest = now;
    for (int i = 0; i < 40; ++i) {
      const auto next = item("k" + std::to_string(i)).next_attempt_at;
      EXPECT_GE(next, now + 1s) << "attempt " << attempt;
      EXPECT_LE(next, now + cap) << "attempt " << attempt;
      seen.insert(next);
      latest = std::max(latest, next);
    }
    EXPECT_GT(seen.size(), 20u) << "40 retries should not share a few instants (full jitter)";
    clock_.set(latest);
  }
}

TEST_F(DispatcherTest, GivesUpAfterMaxAttempts) {
  auto& dispatcher = start();  // max_attempts 3
  enqueue("locked-out", "sink", {{"fail", "auth"}});
  for (int attempt = 1; attempt <= 2; ++attempt) {
    const auto result = dispatcher.run_once();
    EXPECT_EQ(result.retry_later, 1) << "attempt " << attempt;
    EXPECT_EQ(result.failed, 0);
    clock_.advance(1h);
  }
  const auto last = dispatcher.run_once();
  EXPECT_EQ(last.failed, 1);
  EXPECT_EQ(last.retry_later, 0);
  ASSERT_EQ(last.failures.size(), 1u);
  EXPECT_TRUE(last.failures[0].dead);
  EXPECT_NE(last.failures[0].error.find("authentication failed"), std::string::npos) << last.failures[0].error;
  EXPECT_NE(last.failures[0].error.find("gave up after 3 attempts"), std::string::npos) << last.failures[0].error;
  EXPECT_EQ(item("locked-out").state, "dead");
  clock_.advance(24h);
  const auto after = dispatcher.run_once();
  EXPECT_EQ(after.failed + after.retry_later + after.sent, 0);  // dead stays dead
  EXPECT_TRUE(deliveries().empty());
}

TEST_F(DispatcherTest, PermanentFailuresAndMalformedRequestsAreDeadAtOnce) {
  auto& dispatcher = start();
  enqueue("refused", "sink", {{"fail", "permanent"}});
  store_->outbox().enqueue("no-key", "sink", "mail.send", {{"message", "x"}}, kT0);  // the sink needs idempotency_key
  const double dead_before = deliveries_metric("sink", "dead");
  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.failed, 2);
  EXPECT_EQ(result.retry_later, 0);
  for (const auto& f : result.failures) EXPECT_TRUE(f.dead) << f.key;
  const auto refused = item("refused");
  EXPECT_EQ(refused.state, "dead");
  EXPECT_EQ(refused.attempts, 1);
  EXPECT_EQ(refused.last_error, "permanent failure: simulated permanent failure 1");
  EXPECT_EQ(item("no-key").state, "dead");
  EXPECT_NE(item("no-key").last_error.find("invalid argument"), std::string::npos) << item("no-key").last_error;
  EXPECT_EQ(deliveries_metric("sink", "dead") - dead_before, 2);
}

TEST_F(DispatcherTest, AChannelThatCannotDeliverKeepsItsItemsWithTheReason) {
  auto& dispatcher = start({sink("sink"), sink("off", false),
                            {"broken", "test-init-fails", true, json::object(), {}},
                            {"mail", "mail-folder", true, {{"folder", (dir_ / "mail").string()}}, {}}});
  enqueue("to-ghost", "ghost");
  enqueue("to-off", "off");
  enqueue("to-broken", "broken");
  enqueue("wrong-op", "mail", {}, "calendar.put");
  enqueue("fine", "sink");

  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.sent, 1);
  EXPECT_EQ(result.failed, 0);
  EXPECT_EQ(result.retry_later, 4);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"to-ghost", "no plugin instance ghost is configured"},
      {"to-off", "plugin instance off is disabled in the config"},
      {"to-broken", "plugin instance broken is not running"},
      {"wrong-op", "plugin instance mail (plugin mail-folder: mailer) cannot do calendar.put"}};
  for (const auto& [key, reason] : expected) {
    const auto waiting = item(key);
    EXPECT_EQ(waiting.state, "pending") << key;
    EXPECT_EQ(waiting.attempts, 0) << key;  // nothing was tried: this never makes an item dead
    EXPECT_NE(waiting.last_error.find(reason), std::string::npos) << waiting.last_error;
    EXPECT_EQ(waiting.next_attempt_at, kT0 + settings_.backoff_base) << key;
    const bool reported = std::any_of(result.failures.begin(), result.failures.end(), [&](const DispatchFailure& f) {
      return f.key == key && !f.dead && f.error == waiting.last_error;
    });
    EXPECT_TRUE(reported) << key;
  }
  EXPECT_EQ(dispatcher.run_once().retry_later, 0);  // not looked at again before backoff_base
  clock_.advance(settings_.backoff_base);
  EXPECT_EQ(dispatcher.run_once().retry_later, 4);
  EXPECT_EQ(item("to-ghost").attempts, 0);
}

TEST_F(DispatcherTest, TwoChannelsAreServedInParallel) {
  // Each item waits until the other has started: delivered one after the other, both fail.
  auto& dispatcher = start({sink("sink-a"), sink("sink-b")});
  enqueue("a", "sink-a", {{"signal", "a-started"}, {"await", "b-started"}});
  enqueue("b", "sink-b", {{"signal", "b-started"}, {"await", "a-started"}});
  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.sent, 2) << (result.failures.empty() ? "" : result.failures[0].error);
  EXPECT_EQ(deliveries().size(), 2u);
}

TEST_F(DispatcherTest, AnExpiredLeaseIsDeliveredAgainAfterACrash) {
  auto& dispatcher = start();
  enqueue("k");
  // A dispatcher claimed the item and died before it could report.
  const auto claimed = store_->outbox().claim("sink", 10, kT0, settings_.lease).at(0);

  clock_.advance(1min);
  auto result = dispatcher.run_once();
  EXPECT_EQ(result.sent + result.retry_later + result.failed, 0);  // its lease still runs
  EXPECT_TRUE(deliveries().empty());

  clock_.set(kT0 + settings_.lease);
  result = dispatcher.run_once();
  EXPECT_EQ(result.sent, 1);
  EXPECT_EQ(item("k").state, "sent");
  EXPECT_EQ(item("k").attempts, 2);
  EXPECT_EQ(deliveries().size(), 1u);
  EXPECT_FALSE(store_->outbox().mark_retry(claimed.id, claimed.attempts, "late", kT0));  // the dead claim's word
  EXPECT_EQ(item("k").state, "sent");
}

TEST_F(DispatcherTest, LeasesOfALongRunStillLastFromTheirClaim) {
  settings_.batch = 1;
  auto& dispatcher = start();
  enqueue("first", "sink", {{"signal", "first-started"}, {"await", "go-first"}});
  enqueue("second", "sink", {{"signal", "second-started"}, {"await", "go-second"}});
  std::jthread run([&] { dispatcher.run_once(); });
  ASSERT_TRUE(eventually([&] { return std::filesystem::exists(state_dir() / "first-started"); }));
  clock_.advance(1h);  // the first delivery takes an hour
  test::write_file(state_dir() / "go-first", "");
  ASSERT_TRUE(eventually([&] { return std::filesystem::exists(state_dir() / "second-started"); }));
  const auto in_flight = item("second");
  test::write_file(state_dir() / "go-second", "");
  run.join();
  ASSERT_TRUE(in_flight.lease_until);
  EXPECT_EQ(*in_flight.lease_until, kT0 + 1h + settings_.lease);  // from its claim, not from the run's start
  EXPECT_EQ(item("first").state, "sent");
  EXPECT_EQ(item("second").state, "sent");
  EXPECT_EQ(*item("second").sent_at, kT0 + 1h);
}

TEST_F(DispatcherTest, StopFinishesTheItemInHandAndGivesBackTheRest) {
  auto& dispatcher = start();
  enqueue("k0", "sink", {{"signal", "k0-started"}, {"await", "go"}});
  for (int i = 1; i < 5; ++i) enqueue("k" + std::to_string(i));
  DispatchResult result;
  std::jthread run([&] { result = dispatcher.run_once(); });
  ASSERT_TRUE(eventually([&] { return std::filesystem::exists(state_dir() / "k0-started"); }));
  dispatcher.request_stop();
  test::write_file(state_dir() / "go", "");
  run.join();
  EXPECT_EQ(result.sent, 1);
  EXPECT_EQ(item("k0").state, "sent");
  for (int i = 1; i < 5; ++i) {
    const auto back = item("k" + std::to_string(i));
    EXPECT_EQ(back.state, "pending");  // due at once for the next dispatcher, not after a lease
    EXPECT_EQ(back.attempts, 0);
  }
  EXPECT_EQ(dispatcher.run_once().sent, 0);  // a stopped dispatcher stays stopped
}

}  // namespace
}  // namespace lobsync::outbox
