#include "sync/engine.h"

#include "core/log.h"
#include "plugin_host/instance.h"
#include "sync/guards.h"
#include "sync/snapshot_reader.h"

#include <date/tz.h>

namespace lobsync::sync {
namespace {

nlohmann::json counts_json(const store::SyncCounts& counts) {
  nlohmann::json out = nlohmann::json::object();
  // The four entities of the contract are always present, the others when they occur.
  for (const char* kind : {"student", "guardian", "staff", "group"}) out[report_name(kind)] = nlohmann::json::object();
  for (const auto& [kind, c] : counts) {
    out[report_name(kind)] = {{"added", c.added}, {"updated", c.updated}, {"removed", c.removed}, {"unchanged", c.unchanged}};
  }
  for (auto& [name, c] : out.items()) {
    if (c.empty()) c = {{"added", 0}, {"updated", 0}, {"removed", 0}, {"unchanged", 0}};
  }
  return out;
}

nlohmann::json problems_json(const std::vector<Problem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : problems) out.push_back(to_json(p));
  return out;
}

// A run of the same source applied after `run_id` began: the changes `run_id` staged were
// compared with records that are no longer the store's.
std::optional<std::int64_t> newer_applied_run(store::RosterStore& roster, const std::string& source, std::int64_t run_id) {
  const auto applied = roster.last_sync_run(source, store::kSyncApplied);
  if (applied && applied->id > run_id) return applied->id;
  return std::nullopt;
}

int minute_of_day(Instant now, const date::time_zone* zone) {
  const auto local = date::make_zoned(zone, std::chrono::floor<std::chrono::minutes>(now)).get_local_time();
  // zoned_time has at least seconds precision, whatever precision went in.
  const auto since_midnight = std::chrono::duration_cast<std::chrono::minutes>(local - date::floor<date::days>(local));
  return static_cast<int>(since_midnight.count());
}

}  // namespace

nlohmann::json to_json(const SyncResult& r) {
  nlohmann::json j{{"source", r.source},
                   {"run_id", r.run_id},
                   {"status", r.status},
                   {"counts", counts_json(r.counts)},
                   {"problems", problems_json(r.problems)},
                   {"problems_total", r.problems_total},
                   {"records_read", r.records_read}};
  if (!r.reason.empty()) j["reason"] = r.reason;
  return j;
}

SyncEngine::SyncEngine(store::Store& store, const Clock& clock, const date::time_zone* zone)
    : store_(store), clock_(clock), zone_(zone) {}

void SyncEngine::finish(SyncResult& result, const std::string& status, const std::string& reason) {
  result.status = status;
  result.reason = reason;
  nlohmann::json counts = counts_json(result.counts);
  nlohmann::json problems = problems_json(result.problems);
  store_.roster().finish_sync_run(result.run_id, status, reason, counts, problems, clock_.now());
  store_.audit("sync", "roster.sync." + status, result.source,
               {{"run_id", result.run_id}, {"problems", result.problems_total}, {"reason", reason}}, clock_.now());
  const auto level = status == "failed" || status == "held" ? log::Level::warn : log::Level::info;
  log::write(level, "sync", fmt::format("source {} run {}: {}{}", result.source, result.run_id, status,
                                        reason.empty() ? "" : " (" + reason + ")"));
}

void SyncEngine::apply(SyncResult& result, const config::SyncSettings& settings) {
  const auto now = clock_.now();
  store_.roster().apply_staged(result.run_id, now);
  const auto purged = store_.roster().purge_removed(result.source, now - std::chrono::days(settings.leaver_grace_days));
  if (purged > 0) {
    log::write(log::Level::info, "sync", fmt::format("source {}: purged {} records that left more than {} days ago",
                                                     result.source, purged, settings.leaver_grace_days));
  }
}

SyncResult SyncEngine::run(plugin_host::PluginInstance& source, const config::SyncSettings& settings,
                           const SyncOptions& options, const std::function<void(std::size_t)>& progress) {
  SyncResult result;
  result.source = source.name();
  result.run_id = store_.roster().begin_sync_run(result.source, clock_.now());
  if (!options.force && !inside_window(settings, minute_of_day(clock_.now(), zone_))) {
    finish(result, "failed",
           "outside the source's bulk-read window " + describe_window(settings) + " (local time); use --force to read now");
    return result;
  }

  SnapshotReader reader(store_.roster(), result.run_id, result.source);
  const auto call = source.call("roster.read", {{"mode", "full"}}, [&](std::string_view document) {
    reader.add(document);
    if (progress && reader.records_read() % 1000 == 0) progress(reader.records_read());
    return true;
  });
  result.records_read = reader.records_read();
  if (!call.ok()) {
    store_.roster().discard_staged(result.run_id);
    result.problems = reader.problems();
    result.problems_total = reader.problems_total();
    finish(result, "failed", "the source failed, nothing was applied: " + call.error);
    return result;
  }
  reader.finish();
  result.problems = reader.problems();
  result.problems_total = reader.problems_total();
  result.counts = store_.roster().diff_staged(result.run_id);

  if (options.dry_run) {
    store_.roster().discard_staged(result.run_id);
    finish(result, "dry-run", "");
    return result;
  }
  if (auto why = hold_reason(result.counts, settings)) {
    // The changes stay staged so an administrator can approve exactly what was read.
    finish(result, "held", *why + "; approve with: lobsync sync --approve " + std::to_string(result.run_id));
    return result;
  }
  // The changes were compared with the records as they were when this run began; another run
  // of the same source applied since would make them wrong.
  if (const auto newer = newer_applied_run(store_.roster(), result.source, result.run_id)) {
    store_.roster().discard_staged(result.run_id);
    finish(result, "failed", "another sync of this source (run " + std::to_string(*newer) +
                                 ") was applied while this one read; nothing was applied, run the sync again");
    return result;
  }
  apply(result, settings);
  finish(result, "applied", "");
  return result;
}

SyncResult SyncEngine::approve(std::int64_t run_id, const config::SyncSettings& settings) {
  SyncResult result;
  result.run_id = run_id;
  const auto run = store_.roster().sync_run(run_id);
  if (!run) {
    result.status = "failed";
    result.reason = "there is no sync run " + std::to_string(run_id);
    return result;
  }
  result.source = run->source;
  std::string refusal;
  if (run->status != store::kSyncHeld) {
    refusal = "run " + std::to_string(run_id) + " is " + run->status + ", not held";
  } else if (!run->staged) {
    refusal = "the snapshot of run " + std::to_string(run_id) + " is no longer stored";
  } else if (const auto newer = newer_applied_run(store_.roster(), run->source, run_id)) {
    refusal = "a newer sync (run " + std::to_string(*newer) + ") was applied since; run the sync again";
  }
  if (!refusal.empty()) {
    result.status = "failed";
    result.reason = refusal;
    return result;
  }
  result.counts = store_.roster().diff_staged(run_id);
  for (const auto& p : run->problems) {
    result.problems.push_back({p.value("record", ""), p.value("field", ""), p.value("message", ""), p.value("dropped", "")});
  }
  result.problems_total = result.problems.size();
  apply(result, settings);
  finish(result, "applied", "approved by an administrator");
  return result;
}

}  // namespace lobsync::sync
