// `lobsync serve` as a process: health, readiness and metrics over real HTTP, a clean stop on
// SIGTERM and SIGINT, and SIGHUP reloads that reject a bad config while the old one keeps running.
#include "daemon_fixture.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>

namespace lobsync::test::serve_test {
namespace {

using nlohmann::json;
using std::chrono::seconds;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Serve, AnswersHealthReadinessAndMetricsThenStopsCleanlyOnSigterm) {
  ScratchDir dir;
  Daemon daemon(write_config(dir, base_config(dir)));

  auto health = daemon.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(json::parse(health.body)["status"], "ok");

  auto ready = daemon.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(json::parse(ready.body)["store"], "ok");

  auto metrics = daemon.get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_TRUE(contains(metrics.headers, "text/plain; version=0.0.4"));
  EXPECT_TRUE(contains(metrics.body, "# TYPE lobsync_build_info gauge"));
  EXPECT_TRUE(contains(metrics.body, "lobsync_plugins{status=\"loaded\"} "));
  EXPECT_TRUE(contains(metrics.body, "lobsync_plugin_instances{state=\"running\"} 1"));
  EXPECT_TRUE(contains(metrics.body, "lobsync_http_requests_total{method=\"GET\",status=\"200\"}"));

  EXPECT_EQ(daemon.get("/nope").status, 404);

  daemon.process().signal(SIGTERM);
  auto code = daemon.process().wait(std::chrono::seconds(20));
  ASSERT_TRUE(code) << "daemon did not stop on SIGTERM";
  EXPECT_EQ(*code, 0);
  EXPECT_TRUE(contains(daemon.process().drained_stderr(), "stopped cleanly"));

  // The audit trail kept the start and the stop.
  auto status = lobsync({"status", "--config", (dir / "lobsync.json").string(), "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const auto audit = json::parse(status.out)["recent_audit"];
  ASSERT_GE(audit.size(), 2u) << status.out;
  EXPECT_EQ(audit[0]["action"], "stop");
  EXPECT_EQ(audit[1]["action"], "start");
}

TEST(Serve, StopsCleanlyOnSigint) {
  ScratchDir dir;
  Daemon daemon(write_config(dir, base_config(dir)));
  daemon.process().signal(SIGINT);
  auto code = daemon.process().wait(std::chrono::seconds(20));
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, 0);
}

// What an administrator's dashboard reads: the process (standard names, as any exporter has them)
// and each job's last success, last run and its duration, also for a run a CLI command made.
TEST(Serve, MetricsShowTheProcessAndEveryJobsLastRun) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["jobs"] = {{"dispatch", {{"at", "07:00"}}}};
  const auto file = write_config(dir, config);
  const auto run = lobsync({"run-once", "--job", "dispatch", "--config", file});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

  Daemon daemon(file);
  const auto metrics = daemon.get("/metrics").body;
  for (const char* series : {"process_cpu_seconds_total ", "process_resident_memory_bytes ", "process_open_fds ",
                             "process_max_fds ", "process_start_time_seconds ", "process_virtual_memory_bytes ",
                             "lobsync_job_last_success_timestamp_seconds{job=\"dispatch\"} ",
                             "lobsync_job_last_run_timestamp_seconds{job=\"dispatch\"} ",
                             "lobsync_job_last_run_duration_seconds{job=\"dispatch\"} ",
                             "lobsync_job_last_run_ok{job=\"dispatch\"} 1"}) {
    EXPECT_TRUE(contains(metrics, series)) << series << " missing in\n" << metrics;
  }
  // The start time is this daemon's: after the test began, not the machine's boot.
  const std::string sample = "\nprocess_start_time_seconds ";  // the sample line, not its # HELP
  const auto at = metrics.find(sample);
  ASSERT_NE(at, std::string::npos);
  const double started = std::stod(metrics.substr(at + sample.size()));
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GT(started, now - 600);
  EXPECT_LE(started, now + 5);
  daemon.process().signal(SIGTERM);
  EXPECT_TRUE(daemon.process().wait(seconds(20)));
}

TEST(Serve, NotReadyWhileAPluginInstanceIsDown) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
  config["plugins"]["sis"] = {{"plugin", "test-init-fails"}};
  Daemon daemon(write_config(dir, config));
  auto ready = daemon.get("/readyz");
  EXPECT_EQ(ready.status, 503);
  const auto detail = json::parse(ready.body);
  bool found = false;
  for (const auto& p : detail["plugins"]) {
    if (p["instance"] == "sis") found = !p["running"].get<bool>() && contains(p["error"].get<std::string>(), "cannot reach");
  }
  EXPECT_TRUE(found) << ready.body;
  EXPECT_EQ(daemon.get("/healthz").status, 200);  // alive, just not ready
}

TEST(Serve, SighupRejectsABadConfigAndAppliesAGoodOne) {
  ScratchDir dir;
  const auto file = write_config(dir, base_config(dir));
  Daemon daemon(file);

  write_file(file, "{ \"store\": { \"path\": 42 } }");
  daemon.process().signal(SIGHUP);
  daemon.process().wait_for_stderr_line([](const std::string& l) { return contains(l, "keeping the running config"); },
                                        seconds(20));
  EXPECT_EQ(daemon.get("/readyz").status, 200);

  auto config = base_config(dir);
  config["plugins"]["calendar"] = {{"plugin", "calendar-folder"}, {"folder", (dir / "cal").string()}};
  write_config(dir, config);
  daemon.process().signal(SIGHUP);
  daemon.process().wait_for_stderr_line([](const std::string& l) { return contains(l, "config reloaded"); }, seconds(20));
  auto ready = daemon.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_TRUE(contains(ready.body, "\"calendar\"")) << ready.body;
  auto metrics = daemon.get("/metrics").body;
  EXPECT_TRUE(contains(metrics, "lobsync_config_reloads_total{result=\"rejected\"} 1")) << metrics;
  EXPECT_TRUE(contains(metrics, "lobsync_config_reloads_total{result=\"applied\"} 1")) << metrics;

  daemon.process().signal(SIGTERM);
  auto code = daemon.process().wait(seconds(20));
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, 0);
}

// One client holding more idle connections than http.max_connections: /healthz still answers,
// the log holds one line about it, and the open files limit was raised to the hard limit.
TEST(Serve, HealthAnswersWhileOneClientHoldsMoreIdleConnectionsThanTheLimit) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["http"]["max_connections"] = 16;
  Daemon daemon(write_config(dir, config));
  std::vector<std::unique_ptr<http::test::RawConnection>> idle;
  for (int i = 0; i < 150; ++i) {
    idle.push_back(std::make_unique<http::test::RawConnection>(static_cast<std::uint16_t>(daemon.port())));
    ASSERT_TRUE(idle.back()->connected()) << i;
  }
  for (int i = 0; i < 3; ++i) EXPECT_EQ(daemon.get("/healthz").status, 200) << i;

  // Soft limit = hard limit for open files.
  const auto limits = read_file("/proc/" + std::to_string(daemon.process().pid()) + "/limits");
  const auto at = limits.find("Max open files");
  ASSERT_NE(at, std::string::npos) << limits;
  std::istringstream row(limits.substr(at + std::string("Max open files").size()));
  std::string soft, hard;
  row >> soft >> hard;
  EXPECT_EQ(soft, hard) << limits;

  daemon.process().signal(SIGTERM);
  ASSERT_TRUE(daemon.process().wait(seconds(20)));
  const auto log = daemon.process().drained_stderr();
  std::size_t lines = 0;
  for (std::size_t p = log.find("connection limit of 16 reached"); p != std::string::npos;
       p = log.find("connection limit of 16 reached", p + 1))
    ++lines;
  EXPECT_EQ(lines, 1u) << log;
}

TEST(Serve, RefusesToStartWhenThePortIsTaken) {
  ScratchDir dir;
  Daemon first(write_config(dir, base_config(dir)));
  ScratchDir other;
  auto config = base_config(other);
  config["http"]["port"] = first.port();
  auto r = lobsync({"serve", "--config", write_config(other, config)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "cannot listen on 127.0.0.1:" + std::to_string(first.port()))) << r.err;
}

TEST(Serve, BadConfigExitsTwoBeforeStarting) {
  ScratchDir dir;
  write_file(dir / "bad.json", "{ \"http\": { \"port\": \"eighty\" } }");
  auto r = lobsync({"serve", "--config", (dir / "bad.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "/http/port"));
}

TEST(Serve, RefusesADatabaseFromANewerVersion) {
  ScratchDir dir;
  const auto file = write_config(dir, base_config(dir));
  ASSERT_EQ(lobsync({"status", "--config", file}).exit_code, 0);
  auto bump = run({"sqlite3", (dir / "state/lobsync.db").string(), "INSERT INTO schema_migrations(version, applied_at) VALUES (999, 0);"});
  ASSERT_EQ(bump.exit_code, 0) << bump.err;
  auto r = lobsync({"serve", "--config", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "newer lobsync")) << r.err;
}

}  // namespace
}  // namespace lobsync::test::serve_test
