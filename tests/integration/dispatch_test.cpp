// `lobsync dispatch` as an administrator and a crash see it: the JSON shape and exit codes, the
// dispatch job in run-once, and a SIGKILL at random moments that loses no item and delivers one
// twice only when the kill falls between the plugin's OK and the store's record of it.
#include "daemon_fixture.h"

#include "core/clock.h"
#include "store/store.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace lobsync::test {
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

TEST(Dispatch, SigkillAtRandomMomentsLosesNothing) {
  constexpr int kItems = 200;
  constexpr int kRounds = 20;
  ScratchDir dir;
  auto config = sink_config(dir);
  // A short lease so the items a killed run held come back within the test; one process runs
  // at a time here, so no live worker can lose its claim to another. Channel sink-a gets the
  // even items, sink-b the odd ones.
  config["outbox"] = {{"lease_seconds", 1}, {"batch", 10}, {"workers", 2}};
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

  std::mt19937 rng(20260329);  // seeded: the same kill delays every time
  std::uniform_int_distribution<int> delay_ms(20, 200);
  std::set<int> killed;
  for (int round = 0; round < kRounds; ++round) {
    auto run = Process::start({binary().string(), "dispatch", "--config", file, "--json"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    run.signal(SIGKILL);
    const auto code = run.wait(30s);
    ASSERT_TRUE(code) << "round " << round << " did not end";
    if (*code == 128 + SIGKILL) {
      killed.insert(run.pid());
    } else {
      EXPECT_EQ(*code, 0) << "round " << round << ": " << run.drained_stderr();  // finished before the kill
    }
  }
  std::this_thread::sleep_for(1100ms);  // the last killed run's leases run out
  auto final_run = lobsync({"dispatch", "--config", file, "--json"});
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;

  // A delivery the store did not record can only come from a killed run (the kill fell between
  // the sink's write and the commit of mark_sent), at most one per channel worker of that run.
  const auto delivered = deliveries_by_key(dir);
  std::vector<std::string> lost, duplicates;
  std::map<std::pair<int, char>, int> unrecorded;  // (killed pid, channel) -> deliveries
  for (const auto& key : keys) {
    const auto found = delivered.find(key);
    if (found == delivered.end()) {
      lost.push_back(key);
      continue;
    }
    const auto& pids = found->second;
    EXPECT_EQ(std::set<int>(pids.begin(), pids.end()).size(), pids.size()) << key << ": twice in one run";
    if (pids.size() == 1) continue;
    duplicates.push_back(key + " x" + std::to_string(pids.size()));
    const char channel = std::stoi(key.substr(key.find('/') + 1)) % 2 == 1 ? 'b' : 'a';
    for (std::size_t i = 0; i + 1 < pids.size(); ++i) {
      EXPECT_TRUE(killed.count(pids[i]) > 0) << key << ": delivered again although run " << pids[i] << " was not killed";
      ++unrecorded[{pids[i], channel}];
    }
  }
  for (const auto& [run_and_channel, count] : unrecorded) {
    EXPECT_EQ(count, 1) << "run " << run_and_channel.first << " left " << count << " unrecorded deliveries on sink-"
                        << run_and_channel.second;
  }
  EXPECT_EQ(delivered.size(), keys.size()) << "the sink saw keys nobody queued";
  EXPECT_TRUE(lost.empty()) << lost.size() << " item(s) never delivered, e.g. " << lost.front();
  std::string duplicate_list;
  for (const auto& d : duplicates) duplicate_list += " " + d;
  std::cout << "[ kill -9  ] " << kRounds << " rounds, " << killed.size() << " killed mid-run, " << duplicates.size()
            << " delivered more than once" << (duplicates.empty() ? "" : ":" + duplicate_list) << "\n";
  // Two channels are delivered in parallel, so one kill can catch two items in that window.
  EXPECT_LE(duplicates.size(), killed.size() * 2);

  SystemClock clock;
  auto store = open_store(dir, clock);
  for (const auto& key : keys) EXPECT_EQ(store->outbox().outbox_item(key)->state, "sent") << key;
}

}  // namespace
}  // namespace lobsync::test
