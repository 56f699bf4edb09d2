// The dispatcher over a real outbox and real plugin instances: what is delivered, retried with
// backoff through an outage, given up after the retry period (and the administrators told),
// deferred for a channel that cannot take it, what a crash leaves, and two dispatchers that
// never deliver the same item.
#include "dispatcher_fixture.h"

#include "core/metrics.h"
#include "support/invitation_recipe_sample.h"
#include "support/mime_text.h"
#include "messaging/translations.h"
#include "outbox/lease_heartbeat.h"

#include <map>
#include <set>

namespace lobsync::outbox::dispatcher_test {
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

TEST_F(DispatcherTest, MetricsShowTheDepthAndTheDeadItemsOfEachChannel) {
  auto& dispatcher = start();
  enqueue("sent/1", "sink");
  enqueue("dead/1", "sink", {{"fail", "permanent"}});
  enqueue("later/1", "sink", {{"fail", "unavailable"}, {"fail_times", 1}});
  dispatcher.run_once();
  EXPECT_EQ(metrics::global().value("lobsync_outbox_depth", {{"channel", "sink"}}), 1) << "later/1 waits";
  EXPECT_EQ(metrics::global().value("lobsync_outbox_dead_items", {{"channel", "sink"}}), 1) << "dead/1";
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

// Runs the dispatcher at each next attempt of `key` until it is no longer pending or the clock
// passes `until`; returns the runs made (bounded: the backoff never waits less than a second).
int run_until_settled(Dispatcher& dispatcher, ManualClock& clock, store::OutboxStore& outbox, const std::string& key,
                      Instant until) {
  int runs = 0;
  for (; runs < 10'000; ++runs) {
    const auto item = outbox.outbox_item(key);
    if (item->state != "pending" || item->next_attempt_at > until) break;
    clock.set(std::max(clock.now(), item->next_attempt_at));
    dispatcher.run_once();
  }
  return runs;
}

TEST_F(DispatcherTest, GivesUpAfterTheRetryPeriodNotAfterACount) {
  auto& dispatcher = start();  // retry_period 3 h, backoff_max 10 min
  enqueue("locked-out", "sink", {{"fail", "auth"}});
  const auto first = dispatcher.run_once();
  ASSERT_EQ(first.retry_later, 1);
  const auto failing_since = *item("locked-out").failing_since;
  EXPECT_EQ(failing_since, kT0);
  run_until_settled(dispatcher, clock_, store_->outbox(), "locked-out", kT0 + 24h);

  const auto dead = item("locked-out");
  EXPECT_EQ(dead.state, "dead");
  EXPECT_GE(clock_.now(), failing_since + settings_.retry_period) << "dead only once the period is over";
  EXPECT_LE(clock_.now(), failing_since + settings_.retry_period + settings_.backoff_max);
  EXPECT_GT(dead.attempts, 10) << "a count of attempts no longer decides";
  EXPECT_NE(dead.last_error.find("authentication failed"), std::string::npos) << dead.last_error;
  EXPECT_NE(dead.last_error.find("gave up after retrying for 3 h"), std::string::npos) << dead.last_error;
  clock_.advance(24h);
  const auto after = dispatcher.run_once();
  EXPECT_EQ(after.failed + after.retry_later + after.sent, 0);  // dead stays dead
  EXPECT_TRUE(deliveries().empty());
}

TEST_F(DispatcherTest, AnOutageOfHoursEndsInOneDeliveryWithinBackoffMaxOfTheServerComingBack) {
  settings_.retry_period = 72h;  // the shipped defaults
  settings_.backoff_max = 1h;
  auto& dispatcher = start();
  test::write_file(state_dir() / "outage", "");
  for (int i = 0; i < 20; ++i) enqueue("mail/" + std::to_string(i), "sink", {{"fail_while", "outage"}});
  dispatcher.run_once();
  // Seven hours pass with the server away; every item keeps its turn with backoff.
  const auto back = kT0 + 7h;
  for (int run = 0; run < 10'000 && clock_.now() < back; ++run) {
    Instant next = back;
    for (const auto& waiting : store_->outbox().outbox_items("pending", 100)) next = std::min(next, waiting.next_attempt_at);
    clock_.set(next);
    if (next < back) dispatcher.run_once();
  }
  EXPECT_TRUE(store_->outbox().outbox_items("dead", 100).empty()) << "an outage of hours makes nothing dead";
  EXPECT_TRUE(deliveries().empty());
  std::filesystem::remove(state_dir() / "outage");  // the server is back
  for (int run = 0; run < 10'000 && !store_->outbox().outbox_items("pending", 1).empty(); ++run) {
    Instant next = back + 24h;
    for (const auto& waiting : store_->outbox().outbox_items("pending", 100)) next = std::min(next, waiting.next_attempt_at);
    clock_.set(next);
    dispatcher.run_once();
  }
  EXPECT_LE(clock_.now(), back + settings_.backoff_max) << "the last item went out within backoff_max";
  const auto lines = deliveries();
  EXPECT_EQ(lines.size(), 20u) << "every item once";
  std::set<std::string> keys;
  for (const auto& line : lines) keys.insert(line["key"].get<std::string>());
  EXPECT_EQ(keys.size(), 20u);
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

TEST_F(DispatcherTest, AnInvitationKeptAsItsRecipeIsBuiltRightBeforeTheCall) {
  auto& dispatcher = start();
  const auto recipe = test::parents_invitation_recipe();
  enqueue("invite/recipe", "sink", {{"invitation", messaging::recipe_json(recipe)}}, "mail.send");
  auto broken = messaging::recipe_json(recipe);
  broken.erase("uid");
  enqueue("invite/broken", "sink", {{"invitation", broken}}, "mail.send");

  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.sent, 1);
  EXPECT_EQ(result.failed, 1) << "a recipe that cannot be built cannot be sent by trying again";
  const auto lines = deliveries();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["key"], "invite/recipe");
  EXPECT_EQ(lines[0]["message_size"],
            messaging::build_invitation_message(messaging::shipped_translations(), recipe).size());
  EXPECT_EQ(lines[0]["recipe_left_in"], false) << "the plugin gets the message, not the recipe";
  const auto dead = item("invite/broken");
  EXPECT_EQ(dead.state, "dead");
  EXPECT_NE(dead.last_error.find("the message could not be built: the invitation recipe lacks 'uid'"),
            std::string::npos)
      << dead.last_error;
  EXPECT_TRUE(item("invite/recipe").request.contains("invitation")) << "the outbox keeps the small form";
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
  // A dispatcher claimed the item and died in its call, before it could report.
  const auto claimed = store_->outbox().claim("sink", 10, kT0, settings_.lease).at(0);
  ASSERT_TRUE(store_->outbox().begin_attempt(claimed.claim(), kT0, settings_.lease));

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
  EXPECT_FALSE(store_->outbox().mark_retry(claimed.claim(), "late", kT0, kT0));  // the dead claim's word
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

TEST_F(DispatcherTest, TwoDispatchersNeverDeliverTheSameItemWhateverTheLeaseAndCallTake) {
  settings_.lease = 1s;  // far shorter than the first call takes
  auto& first = start();
  enqueue("slow", "sink", {{"signal", "slow-started"}, {"await", "go"}});
  for (int i = 0; i < 4; ++i) enqueue("k" + std::to_string(i));
  // The second dispatcher is another process: its own store connection and plugin instance.
  auto other_store = store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_);
  plugin_host::PluginRuntime other_runtime(plugins_config({}), host_services_);
  Dispatcher second(other_store->outbox(), other_runtime, clock_, settings_);

  DispatchResult first_result;
  std::jthread run([&] { first_result = first.run_once(); });  // claims all five, calls "slow"
  ASSERT_TRUE(eventually([&] { return std::filesystem::exists(state_dir() / "slow-started"); }));
  clock_.advance(1h);  // every claim of the batch ran out long ago...
  // ...but the call in progress keeps its own lease alive.
  ASSERT_TRUE(eventually([&] { return *item("slow").lease_until > clock_.now(); }));
  const auto second_result = second.run_once();  // takes over the four untouched items
  EXPECT_EQ(second_result.sent, 4);
  test::write_file(state_dir() / "go", "");
  run.join();
  EXPECT_EQ(first_result.sent, 1) << "the first dispatcher skips the items taken over from its batch";

  std::map<std::string, int> times;
  for (const auto& line : deliveries()) ++times[line["key"].get<std::string>()];
  EXPECT_EQ(times.size(), 5u);
  for (const auto& [key, n] : times) EXPECT_EQ(n, 1) << key << " delivered " << n << " times";
  for (const auto& key : {"slow", "k0", "k1", "k2", "k3"}) {
    EXPECT_EQ(item(key).state, "sent") << key;
    EXPECT_EQ(item(key).attempts, 1) << key << ": claims that never called do not count";
  }
}

TEST_F(DispatcherTest, TheAdministratorsGetOneReportPerRunThatGaveItemsUp) {
  notice_.admin = {{"ict@school.example"}, "lobsync@school.example", "admin-mail"};
  notice_.school_name = "Het Lyceum";
  auto& dispatcher = start({sink("sink"), sink("admin-mail")});
  const double queued_before =
      metrics::global().value("lobsync_outbox_dead_reports_total", {{"outcome", "queued"}});
  for (int i = 0; i < 3; ++i) {
    enqueue("refused/" + std::to_string(i), "sink",
            {{"fail", "permanent"}, {"recipients", {"parent" + std::to_string(i) + "@home.example"}}});
  }
  enqueue("fine", "sink");
  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.failed, 3);
  ASSERT_FALSE(result.admin_report.empty());
  EXPECT_EQ(result.sent, 2) << "the item that went through, and the report, in the same run";
  EXPECT_EQ(metrics::global().value("lobsync_outbox_dead_reports_total", {{"outcome", "queued"}}) - queued_before, 1);

  const auto report = item(result.admin_report);
  EXPECT_EQ(report.channel, "admin-mail");
  EXPECT_EQ(report.state, "sent");
  EXPECT_EQ(report.request["recipients"], json::array({"ict@school.example"}));
  const auto message = test::readable_text_message(report.request["message"].get<std::string>());
  for (int i = 0; i < 3; ++i) {
    EXPECT_NE(message.find("refused/" + std::to_string(i) + ", sink: permanent failure"), std::string::npos) << message;
    EXPECT_EQ(message.find("parent" + std::to_string(i)), std::string::npos) << "no recipient's address: " << message;
  }
  EXPECT_NE(message.find("gave up on 3 item(s)"), std::string::npos) << message;
  EXPECT_NE(message.find("lobsync outbox retry"), std::string::npos) << message;
  EXPECT_NE(message.find("Message-ID: <outbox-dead-report."), std::string::npos) << message;

  // A run that gives nothing up tells nobody.
  clock_.advance(1h);
  enqueue("fine-too", "sink");
  EXPECT_TRUE(dispatcher.run_once().admin_report.empty());
  EXPECT_EQ(store_->outbox().outbox_items(store::OutboxFilter{"", "admin-mail", 10}).size(), 1u);
}

TEST_F(DispatcherTest, WithoutAnAdministratorDeadItemsAreLoggedAndCounted) {
  auto& dispatcher = start();
  const double before = metrics::global().value("lobsync_outbox_dead_reports_total", {{"outcome", "nobody_configured"}});
  enqueue("refused", "sink", {{"fail", "permanent"}});
  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.failed, 1);
  EXPECT_TRUE(result.admin_report.empty());
  EXPECT_EQ(metrics::global().value("lobsync_outbox_dead_reports_total", {{"outcome", "nobody_configured"}}) - before, 1);
}

TEST_F(DispatcherTest, AHeartbeatStopsWhenItsClaimIsGone) {
  enqueue("k");
  const auto claimed = store_->outbox().claim("sink", 1, kT0, 1s).at(0);
  ASSERT_TRUE(store_->outbox().begin_attempt(claimed.claim(), kT0, 1s));
  LeaseHeartbeat heartbeat(store_->outbox(), 1s, clock_);
  heartbeat.hold(claimed);
  clock_.advance(10s);
  ASSERT_TRUE(eventually([&] { return heartbeat.renewals() > 0; }));
  EXPECT_EQ(*item("k").lease_until, kT0 + 11s);  // renewed from the clock's now
  ASSERT_TRUE(store_->outbox().release(claimed.claim()));  // the claim is no longer this worker's
  ASSERT_TRUE(eventually([&] { return !heartbeat.held(); }));
  EXPECT_EQ(item("k").state, "pending");
}

TEST_F(DispatcherTest, AHeartbeatRenewsOnlyTheClaimItHoldsNow) {
  enqueue("first");
  enqueue("second");
  const auto claimed = store_->outbox().claim("sink", 2, kT0, 1s);
  ASSERT_EQ(claimed.size(), 2u);
  LeaseHeartbeat heartbeat(store_->outbox(), 1s, clock_);
  heartbeat.hold(claimed[0]);
  clock_.advance(10s);
  ASSERT_TRUE(eventually([&] { return heartbeat.renewals() > 0; }));
  heartbeat.release();
  EXPECT_EQ(*item("first").lease_until, kT0 + 11s);
  heartbeat.hold(claimed[1]);
  clock_.advance(10s);
  const int before = heartbeat.renewals();
  ASSERT_TRUE(eventually([&] { return heartbeat.renewals() > before; }));
  heartbeat.release();
  EXPECT_EQ(*item("second").lease_until, kT0 + 21s);
  EXPECT_EQ(*item("first").lease_until, kT0 + 11s) << "released: no longer renewed";
  EXPECT_TRUE(heartbeat.held());
}

// Two items that each wait for the other inside the plugin: delivered one after the other they
// never meet (the sink gives up), so both arriving shows the two calls ran at the same time.
TEST_F(DispatcherTest, AChannelWithSeveralConnectionsDeliversOverThemAtOnce) {
  auto sink_with_two = sink("sink");
  sink_with_two.connections = 2;
  auto& dispatcher = start({sink_with_two});
  ASSERT_EQ(runtime_->connections("sink").size(), 2u);
  enqueue("left", "sink", {{"signal", "left-here"}, {"await", "right-here"}});
  enqueue("right", "sink", {{"signal", "right-here"}, {"await", "left-here"}});
  const auto result = dispatcher.run_once();
  EXPECT_EQ(result.sent, 2) << (result.failures.empty() ? "" : result.failures[0].error);
  EXPECT_EQ(item("left").state, "sent");
  EXPECT_EQ(item("right").state, "sent");
}

TEST_F(DispatcherTest, ItemsOfOneOrderGroupArriveInTheOrderQueuedOverSeveralConnections) {
  auto sink_with_four = sink("sink");
  sink_with_four.connections = 4;
  settings_.batch = 5;  // the groups span batches too
  auto& dispatcher = start({sink_with_four});
  std::vector<std::string> group_a, group_b;
  for (int i = 0; i < 12; ++i) {
    // Interleaved with items of their own group, which the connections share out.
    for (auto* group : {&group_a, &group_b}) {
      const auto key = std::string(group == &group_a ? "a/" : "b/") + std::to_string(i);
      group->push_back(key);
      store::OutboxEntry entry{key, "sink", "mail.send", {{"idempotency_key", key}}};
      entry.order_group = group == &group_a ? "group-a" : "group-b";
      store_->outbox().enqueue(entry, clock_.now(), clock_.now());
    }
    enqueue("single/" + std::to_string(i), "sink", {{"delay_ms", i % 3}});
  }
  EXPECT_EQ(item("a/3").order_group, "group-a");
  EXPECT_EQ(item("single/3").order_group, "single/3") << "an item queued without a group is one of its own";

  const auto result = dispatcher.run_once();
  ASSERT_EQ(result.sent, 36);
  std::vector<std::string> arrived_a, arrived_b;
  std::set<std::string> all;
  for (const auto& line : deliveries()) {
    const auto key = line["key"].get<std::string>();
    all.insert(key);
    if (key.starts_with("a/")) arrived_a.push_back(key);
    if (key.starts_with("b/")) arrived_b.push_back(key);
  }
  EXPECT_EQ(all.size(), 36u) << "each item delivered once";
  EXPECT_EQ(arrived_a, group_a);
  EXPECT_EQ(arrived_b, group_b);
}

}  // namespace
}  // namespace lobsync::outbox::dispatcher_test
