#include "app/status.h"

#include "app/services.h"
#include "core/iso_time.h"
#include "core/metrics.h"
#include "core/process_metrics.h"
#include "outbox/outbox_metrics.h"

#include <date/date.h>

namespace lobsync::app {
namespace {


nlohmann::json run_json(const store::JobRun& run) {
  nlohmann::json j{{"id", run.id},         {"job", run.job},       {"scheduled_for", iso_utc(run.scheduled_for)},
                   {"started_at", iso_utc(run.started_at)}, {"outcome", run.outcome}, {"detail", run.detail}};
  if (run.finished_at) j["finished_at"] = iso_utc(*run.finished_at);
  return j;
}

nlohmann::json outbox_counts(Services& services) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [state, count] : services.store().outbox().outbox_counts()) out[state] = count;
  return out;
}

// The oldest dead items: they need a person. Keys and errors only, never the request.
nlohmann::json dead_items(Services& services, std::size_t limit) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : services.store().outbox().outbox_items(store::kOutboxDead, limit)) {
    out.push_back({{"key", item.key}, {"channel", item.channel}, {"operation", item.operation},
                   {"attempts", item.attempts}, {"last_error", item.last_error}, {"created_at", iso_utc(item.created_at)}});
  }
  return out;
}

double unix_seconds(Instant t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

// Per configured job, from the store (so the figures survive a restart and include runs a CLI
// command made): when it last succeeded, and when and how long its last finished run took.
void publish_job_metrics(Services& services, metrics::Registry& m) {
  m.describe("lobsync_job_last_success_timestamp_seconds", "When the job last finished successfully (unix time)",
             metrics::Type::gauge);
  m.describe("lobsync_job_last_run_timestamp_seconds", "When the job's last run finished (unix time)",
             metrics::Type::gauge);
  m.describe("lobsync_job_last_run_duration_seconds", "How long the job's last finished run took",
             metrics::Type::gauge);
  m.describe("lobsync_job_last_run_ok", "1 when the job's last finished run succeeded, 0 when it failed",
             metrics::Type::gauge);
  auto& store = services.store();
  for (const auto& job : services.config().jobs) {
    if (!job.enabled) continue;
    const metrics::Labels labels{{"job", job.name}};
    if (const auto ok = store.last_job_run(job.name, store::kOk); ok && ok->finished_at)
      m.set("lobsync_job_last_success_timestamp_seconds", labels, unix_seconds(*ok->finished_at));
    // While a run is going, the gauges keep what its predecessor set.
    const auto last = store.last_job_run(job.name);
    if (!last || !last->finished_at) continue;
    m.set("lobsync_job_last_run_timestamp_seconds", labels, unix_seconds(*last->finished_at));
    m.set("lobsync_job_last_run_duration_seconds", labels,
          std::chrono::duration<double>(*last->finished_at - last->started_at).count());
    m.set("lobsync_job_last_run_ok", labels, last->outcome == store::kOk ? 1 : 0);
  }
}

}  // namespace

Readiness readiness(Services& services) {
  Readiness r;
  const bool store_ok = services.store().ping();
  nlohmann::json instances = nlohmann::json::array();
  bool plugins_ok = true;
  for (const auto& s : services.plugins().states()) {
    if (!s.enabled) continue;
    nlohmann::json i{{"instance", s.instance}, {"plugin", s.plugin}, {"running", s.running}};
    if (!s.running) {
      i["error"] = s.error;
      plugins_ok = false;
    }
    instances.push_back(std::move(i));
  }
  r.ready = store_ok && plugins_ok;
  r.detail = {{"status", r.ready ? "ready" : "not ready"}, {"store", store_ok ? "ok" : "unreachable"}, {"plugins", instances}};
  return r;
}

nlohmann::json status_report(Services& services, std::size_t recent_runs) {
  const auto info = services.store().info();
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& run : services.store().recent_job_runs(recent_runs)) runs.push_back(run_json(run));
  nlohmann::json plugins = nlohmann::json::array();
  for (const auto& p : services.plugins().catalog().infos()) plugins.push_back(plugin_host::to_json(p));
  nlohmann::json audit = nlohmann::json::array();
  for (const auto& a : services.store().recent_audit(recent_runs)) {
    audit.push_back({{"at", iso_utc(a.at)}, {"actor", a.actor}, {"action", a.action}, {"subject", a.subject}});
  }
  // The last sync of every roster source, so a held run is visible at a glance.
  nlohmann::json syncs = nlohmann::json::array();
  for (const auto* source : services.plugins().instances_with(plugin_host::Capability::roster_source)) {
    const auto run = services.store().roster().last_sync_run(source->name());
    if (!run) {
      syncs.push_back({{"source", source->name()}, {"status", "never synced"}});
      continue;
    }
    nlohmann::json j{{"source", run->source}, {"run_id", run->id}, {"status", run->status}, {"started_at", iso_utc(run->started_at)}};
    if (!run->reason.empty()) j["reason"] = run->reason;
    syncs.push_back(std::move(j));
  }
  nlohmann::json jobs = nlohmann::json::array();
  for (const auto& name : services.scheduler().job_names()) jobs.push_back(name);
  nlohmann::json report{
      {"version", LOBSYNC_VERSION},
      {"config", services.config().source.string()},
      {"timezone", services.config().timezone},
      {"store", {{"driver", info.driver}, {"location", info.location}, {"schema_version", info.schema_version},
                 {"latest_known_version", info.latest_known_version}}},
      {"readiness", readiness(services).detail},
      {"plugins", plugins},
      {"jobs", jobs},
      {"skipped_jobs", services.skipped_jobs()},
      {"recent_runs", runs},
      {"roster_syncs", syncs},
      {"outbox", outbox_counts(services)},
      {"outbox_dead", dead_items(services, recent_runs)},
      {"recent_audit", audit}};
  if (auto next = services.scheduler().next_wakeup()) report["next_run"] = iso_utc(*next);
  return report;
}

void publish_metrics(Services& services) {
  auto& m = metrics::global();
  m.describe("lobsync_build_info", "Version of the running lobsync", metrics::Type::gauge);
  m.describe("lobsync_plugins", "Plugin files found, by load status", metrics::Type::gauge);
  m.describe("lobsync_plugin_instances", "Configured plugin instances, by state", metrics::Type::gauge);
  m.describe("lobsync_store_up", "1 when the store answers", metrics::Type::gauge);
  m.set("lobsync_build_info", {{"version", LOBSYNC_VERSION}}, 1);
  double loaded = 0, refused = 0;
  for (const auto& p : services.plugins().catalog().infos()) (p.loaded ? loaded : refused) += 1;
  m.set("lobsync_plugins", {{"status", "loaded"}}, loaded);
  m.set("lobsync_plugins", {{"status", "refused"}}, refused);
  double running = 0, failed = 0, disabled = 0;
  for (const auto& s : services.plugins().states()) (!s.enabled ? disabled : s.running ? running : failed) += 1;
  m.set("lobsync_plugin_instances", {{"state", "running"}}, running);
  m.set("lobsync_plugin_instances", {{"state", "failed"}}, failed);
  m.set("lobsync_plugin_instances", {{"state", "disabled"}}, disabled);
  m.set("lobsync_store_up", {}, services.store().ping() ? 1 : 0);
  metrics::publish_process_metrics(m);
  try {
    outbox::publish_item_gauges(services.store().outbox());
    publish_job_metrics(services, m);
  } catch (const std::exception&) {
    // lobsync_store_up already says the store does not answer.
  }
}

}  // namespace lobsync::app
