// `lobsync dispatch` as an administrator and a crash see it: the JSON shape and exit codes, the
// dispatch job in run-once, `lobsync outbox` (list, retry, discard), and SIGKILLs at random
// moments of two dispatchers at once that lose no item and deliver one twice only when the kill
// falls between the plugin's OK and the store's record of it.
#include "daemon_fixture.h"
#include "dispatch_rounds.h"

#include "core/clock.h"
#include "store/store.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace lobsync::test::dispatch_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json sink(const ScratchDir& dir) {
  return {{"plugin", "test-sink"}, {"file", (dir / "deliveries.jsonl").string()}, {"state_dir", (dir / "sink-state").string()}};
}

json sink_config(const ScratchDir& dir) {
  auto config = base_config(dir);
  config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
  config["plugins"]["sink-a"] = sink(dir);
  config["plugins"]["sink-b"] = sink(dir);
  return config;
}

std::unique_ptr<store::Store> open_store(const ScratchDir& dir, const Clock& clock) {
  return store::open_store({"sqlite", dir / "state/lobsync.db"}, clock);
}

void enqueue(store::Store& store, const std::string& key, const std::string& channel, json request,
             const std::string& operation = "mail.send") {
  request["idempotency_key"] = key;
  store.outbox().enqueue(key, channel, operation, request, SystemClock().now());
}

// How often the sink delivered each key, and by which processes.
std::map<std::string, std::vector<int>> deliveries_by_key(const ScratchDir& dir) {
  std::map<std::string, std::vector<int>> out;
  if (!std::filesystem::exists(dir / "deliveries.jsonl")) return out;
  std::istringstream in(read_file(dir / "deliveries.jsonl"));
  for (std::string line; std::getline(in, line);) {
    const auto doc = json::parse(line);  // the sink writes each line with one write(): never torn
    out[doc["key"].get<std::string>()].push_back(doc["pid"].get<int>());
  }
  return out;
}

TEST(Dispatch, JsonCountsAndExitCodes) {
  ScratchDir dir;
  const auto file = write_config(dir, sink_config(dir));
  {
    SystemClock clock;
    auto store = open_store(dir, clock);
    enqueue(*store, "invite/1", "sink-a", json::object());
    enqueue(*store, "event/1", "sink-b", json::object(), "calendar.put");
    enqueue(*store, "refused", "sink-a", {{"fail", "permanent"}});
    enqueue(*store, "flaky", "sink-b", {{"fail", "unavailable"}});
    enqueue(*store, "lost", "ghost", json::object());
  }
  auto r = lobsync({"dispatch", "--config", file, "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // an item went dead
  const auto out = json::parse(r.out);
  EXPECT_EQ(out["sent"], 2);
  EXPECT_EQ(out["failed"], 1);
  EXPECT_EQ(out["retry_later"], 2);
  ASSERT_EQ(out["failures"].size(), 3u);
  std::map<std::string, json> failures;
  for (const auto& f : out["failures"]) {
    for (const char* field : {"key", "channel", "error", "dead"}) ASSERT_TRUE(f.contains(field)) << f;
    failures[f["key"].get<std::string>()] = f;
  }
  EXPECT_TRUE(failures.at("refused")["dead"].get<bool>());
  EXPECT_EQ(failures.at("refused")["channel"], "sink-a");
  EXPECT_FALSE(failures.at("flaky")["dead"].get<bool>());
  EXPECT_NE(failures.at("lost")["error"].get<std::string>().find("no plugin instance ghost"), std::string::npos);

  // Nothing is due any more: the retries wait for their backoff (a minute by default).
  auto again = lobsync({"dispatch", "--config", file, "--json"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out), (json{{"sent", 0}, {"failed", 0}, {"retry_later", 0}, {"failures", json::array()}}));
  auto text = lobsync({"dispatch", "--config", file});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("0 sent, 0 dead, 0 to retry later"), std::string::npos) << text.out;

  auto status = lobsync({"status", "--config", file, "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const auto report = json::parse(status.out);
  EXPECT_EQ(report["outbox"]["sent"], 2);
  ASSERT_EQ(report["outbox_dead"].size(), 1u);
  EXPECT_EQ(report["outbox_dead"][0]["key"], "refused");
  EXPECT_FALSE(report["outbox_dead"][0].contains("request"));  // personal data stays out of status
}

TEST(Dispatch, ABadConfigIsAUsageError) {
  ScratchDir dir;
  auto config = sink_config(dir);
  config["outbox"] = {{"workers", 0}};
  auto r = lobsync({"dispatch", "--config", write_config(dir, config)});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/outbox/workers"), std::string::npos) << r.err;
}

TEST(Dispatch, RunOnceRunsTheDispatchJob) {
  ScratchDir dir;
  auto config = sink_config(dir);
  config["jobs"] = {{"dispatch", {{"at", "07:00"}}}};
  const auto file = write_config(dir, config);
  {
    SystemClock clock;
    auto store = open_store(dir, clock);
    enqueue(*store, "invite/1", "sink-a", json::object());
  }
  auto r = lobsync({"run-once", "--config", file, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = json::parse(r.out);
  ASSERT_EQ(report["runs"].size(), 1u);
  EXPECT_EQ(report["runs"][0]["job"], "dispatch");
  EXPECT_EQ(report["runs"][0]["outcome"], "ok");
  EXPECT_EQ(report["runs"][0]["detail"], "1 sent, 0 dead, 0 to retry later");
  EXPECT_EQ(deliveries_by_key(dir).count("invite/1"), 1u);
}

TEST(Dispatch, OutboxListRetryAndDiscardAsAnAdministratorUsesThem) {
  ScratchDir dir;
  auto config = sink_config(dir);
  config["admin"] = {{"email", {"ict@school.example"}}, {"from", "lobsync@school.example"}, {"mailer", "sink-b"}};
  config["outbox"] = {{"max_attempts", 5}};  // an old config: still loads, with a warning
  const auto file = write_config(dir, config);
  {
    SystemClock clock;
    auto store = open_store(dir, clock);
    enqueue(*store, "refused", "sink-a", {{"fail", "permanent"}, {"recipients", {"parent@home.example"}}, {"message", "Beste ouder"}});
    enqueue(*store, "waiting", "sink-a", {{"fail", "unavailable"}});
    enqueue(*store, "fine", "sink-b", json::object());
  }
  auto dispatched = lobsync({"dispatch", "--config", file, "--json"});
  EXPECT_EQ(dispatched.exit_code, 1) << dispatched.err;
  EXPECT_NE(dispatched.err.find("/outbox/max_attempts: is no longer used"), std::string::npos) << dispatched.err;
  const auto run = json::parse(dispatched.out);
  ASSERT_TRUE(run.contains("admin_report")) << run;
  EXPECT_EQ(deliveries_by_key(dir).count(run["admin_report"].get<std::string>()), 1u) << "told in the same run";

  auto list = lobsync({"outbox", "list", "--config", file, "--json", "--channel", "sink-a"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto items = json::parse(list.out);
  ASSERT_EQ(items.size(), 2u) << items;
  EXPECT_EQ(items[0]["key"], "refused");
  EXPECT_EQ(items[0]["state"], "dead");
  EXPECT_EQ(items[0]["attempts"], 1);
  EXPECT_EQ(items[1]["key"], "waiting");
  EXPECT_EQ(items[1]["state"], "pending");
  const auto local = items[1]["next_attempt_local"].get<std::string>();  // school time, with its offset
  EXPECT_TRUE(local.ends_with("+01:00") || local.ends_with("+02:00")) << local;
  EXPECT_EQ(list.out.find("parent@home.example"), std::string::npos) << "never the request";
  EXPECT_EQ(list.out.find("Beste ouder"), std::string::npos);
  auto text = lobsync({"outbox", "list", "--config", file, "--state", "dead"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("refused  sink-a  mail.send  dead  attempts 1"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("waiting"), std::string::npos) << text.out;

  EXPECT_EQ(lobsync({"outbox", "list", "--config", file, "--state", "lost"}).exit_code, 2);
  EXPECT_EQ(lobsync({"outbox", "retry", "--config", file}).exit_code, 2) << "neither keys nor --all-dead";
  EXPECT_EQ(lobsync({"outbox", "retry", "--config", file, "refused", "--all-dead"}).exit_code, 2);
  EXPECT_EQ(lobsync({"outbox", "discard", "--config", file}).exit_code, 2);

  auto retried = lobsync({"outbox", "retry", "--config", file, "--json", "refused", "fine", "nope"});
  EXPECT_EQ(retried.exit_code, 1) << "two keys could not be retried";
  const auto changes = json::parse(retried.out);
  EXPECT_EQ(changes["retried"], 1);
  ASSERT_EQ(changes["items"].size(), 3u);
  EXPECT_TRUE(changes["items"][0]["changed"].get<bool>());
  EXPECT_EQ(changes["items"][0]["previous_state"], "dead");
  EXPECT_NE(changes["items"][1]["error"].get<std::string>().find("it is sent"), std::string::npos) << changes;
  EXPECT_NE(changes["items"][2]["error"].get<std::string>().find("no outbox item"), std::string::npos) << changes;
  auto none_dead = lobsync({"outbox", "retry", "--config", file, "--all-dead"});
  EXPECT_EQ(none_dead.exit_code, 0) << none_dead.err;
  EXPECT_NE(none_dead.out.find("no dead items"), std::string::npos) << none_dead.out;

  auto discarded = lobsync({"outbox", "discard", "--config", file, "waiting"});
  EXPECT_EQ(discarded.exit_code, 0) << discarded.err;
  EXPECT_NE(discarded.out.find("discarded waiting (sink-a, was pending)"), std::string::npos) << discarded.out;

  SystemClock clock;
  auto store = open_store(dir, clock);
  EXPECT_EQ(store->outbox().outbox_item("refused")->state, "pending");
  EXPECT_LE(store->outbox().outbox_item("refused")->next_attempt_at, clock.now()) << "due now";
  EXPECT_EQ(store->outbox().outbox_item("waiting")->state, "discarded");
  std::map<std::string, std::string> audited;  // subject -> action
  for (const auto& entry : store->recent_audit(20)) {
    if (entry.action.starts_with("outbox.")) audited[entry.subject] = entry.action;
  }
  EXPECT_EQ(audited, (std::map<std::string, std::string>{{"outbox:refused", "outbox.retry"},
                                                          {"outbox:waiting", "outbox.discard"}}));
  auto status = lobsync({"status", "--config", file, "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(json::parse(status.out)["outbox"]["discarded"], 1);

  auto check = lobsync({"config", "check", "--json", file});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find("/outbox/max_attempts: is no longer used"), std::string::npos) << check.out;
}

// Waits for the daemon's dispatch loop to deliver `key`; the limit only guards against a hang.
bool delivered_soon(const ScratchDir& dir, const std::string& key) {
  for (int i = 0; i < 2000; ++i) {
    if (deliveries_by_key(dir).count(key) > 0) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(Dispatch, ServeDeliversAtStartAndAfterAReloadThenStopsCleanly) {
  ScratchDir dir;
  auto config = sink_config(dir);
  config["outbox"] = {{"poll_interval_seconds", 1}};
  const auto file = write_config(dir, config);
  SystemClock clock;
  enqueue(*open_store(dir, clock), "before-start", "sink-a", json::object());
  Daemon daemon(file);
  ASSERT_TRUE(delivered_soon(dir, "before-start"));
  // The sink has the item a moment before the store marks it sent and the counter moves: wait.
  std::string metrics;
  for (int i = 0; i < 2000; ++i) {
    metrics = daemon.get("/metrics").body;
    if (metrics.find("lobsync_outbox_items{state=\"sent\"} 1") != std::string::npos &&
        metrics.find("outcome=\"sent\"} 1") != std::string::npos)
      break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_NE(metrics.find("lobsync_outbox_deliveries_total{channel=\"sink-a\",outcome=\"sent\"} 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("lobsync_outbox_items{state=\"sent\"} 1"), std::string::npos) << metrics;

  daemon.process().signal(SIGHUP);
  daemon.process().wait_for_stderr_line([](const std::string& l) { return l.find("config reloaded") != std::string::npos; },
                                        20s);
  enqueue(*open_store(dir, clock), "after-reload", "sink-b", json::object(), "dossier.push");
  EXPECT_TRUE(delivered_soon(dir, "after-reload"));  // the new loop polls every second

  daemon.process().signal(SIGTERM);
  const auto code = daemon.process().wait(20s);
  ASSERT_TRUE(code) << "daemon did not stop on SIGTERM";
  EXPECT_EQ(*code, 0);
  EXPECT_NE(daemon.process().drained_stderr().find("stopped cleanly"), std::string::npos);
  EXPECT_EQ(deliveries_by_key(dir).size(), 2u);
}

TEST(Dispatch, SigkillAtRandomMomentsOfTwoDispatchersLosesNothing) {
  // The shipped lease and batch, two dispatchers at once in every round. Channel sink-a gets the
  // even items, sink-b the odd ones; the sink records which process delivered each.
  constexpr int kItems = 800;
  constexpr int kRounds = 4;
  ScratchDir dir;
  auto config = sink_config(dir);
  config["log"] = {{"level", "error"}};
  const auto file = write_config(dir, config);
  std::set<std::string> keys;
  {
    SystemClock clock;
    auto store = open_store(dir, clock);
    for (int i = 0; i < kItems; ++i) {
      const auto key = "item/" + std::to_string(i);
      const bool calendar = i % 2 == 1;
      enqueue(*store, key, calendar ? "sink-b" : "sink-a", {{"delay_ms", 10 + i % 21}}, calendar ? "calendar.put" : "mail.send");
      keys.insert(key);
    }
  }
  const std::vector<std::string> argv{binary().string(), "dispatch", "--config", file, "--json", "--log-level", "debug"};
  auto delivered = [&] {
    int n = 0;
    for (const auto& [key, pids] : deliveries_by_key(dir)) n += static_cast<int>(pids.size());
    return n;
  };

  std::mt19937 rng(20260329);  // seeded: the same kill moments every time
  std::map<int, DispatchLog> killed;  // pid -> what it did
  for (int round = 0; round < kRounds; ++round) {
    for (auto& run : kill_two_dispatchers(argv, {}, delivered, rng)) {
      if (run.killed) killed.emplace(run.pid, std::move(run.log));
      else EXPECT_EQ(run.exit_code, 0) << "round " << round << ": " << run.stderr_text;  // finished before its kill
    }
  }
  std::this_thread::sleep_for(31s);  // the killed runs' leases (30 s by default) run out
  auto a = Process::start(argv);
  auto b = Process::start(argv);
  for (auto* p : {&a, &b}) {
    const auto code = p->wait(60s);
    ASSERT_TRUE(code);
    ASSERT_EQ(*code, 0) << p->drained_stderr();
  }

  // A delivery the store did not record can only come from a killed process whose call was in
  // progress: at most one per killed process and channel, and of exactly that call's item.
  const auto by_key = deliveries_by_key(dir);
  std::vector<std::string> lost, duplicates;
  for (const auto& key : keys) {
    const auto found = by_key.find(key);
    if (found == by_key.end()) {
      lost.push_back(key);
      continue;
    }
    const auto& pids = found->second;
    EXPECT_EQ(std::set<int>(pids.begin(), pids.end()).size(), pids.size()) << key << ": twice by one process";
    if (pids.size() == 1) continue;
    duplicates.push_back(key + " x" + std::to_string(pids.size()));
    for (std::size_t i = 0; i + 1 < pids.size(); ++i) {
      const auto run = killed.find(pids[i]);
      ASSERT_NE(run, killed.end()) << key << ": delivered again although process " << pids[i] << " was not killed";
      EXPECT_TRUE(run->second.unfinished().count(key)) << key << ": repeated, but not the call process " << pids[i]
                                                       << " had in progress when killed";
    }
  }
  int kills_in_a_call = 0;
  for (const auto& [pid, log] : killed) {
    std::map<std::string, int> calls;
    for (const auto& [key, channel] : log.unfinished()) ++calls[channel];
    for (const auto& [channel, n] : calls) EXPECT_EQ(n, 1) << "process " << pid << " had " << n << " calls on " << channel;
    kills_in_a_call += static_cast<int>(calls.size());
  }
  EXPECT_EQ(by_key.size(), keys.size()) << "the sink saw keys nobody queued";
  EXPECT_TRUE(lost.empty()) << lost.size() << " item(s) never delivered, e.g. " << lost.front();
  EXPECT_LE(static_cast<int>(duplicates.size()), kills_in_a_call);
  std::string duplicate_list;
  for (const auto& d : duplicates) duplicate_list += " " + d;
  std::cout << "[ kill -9  ] " << kRounds << " rounds of 2 dispatchers, " << killed.size() << " killed, "
            << kills_in_a_call << " calls cut short, " << duplicates.size() << " delivered more than once"
            << (duplicates.empty() ? "" : ":" + duplicate_list) << "\n";

  SystemClock clock;
  auto store = open_store(dir, clock);
  for (const auto& key : keys) EXPECT_EQ(store->outbox().outbox_item(key)->state, "sent") << key;
}

}  // namespace
}  // namespace lobsync::test::dispatch_test
