#include "sync/roster_sync.h"

#include "app/services.h"
#include "sync/report_mail.h"

#include <fmt/format.h>

#include <date/tz.h>

#include <stdexcept>

namespace lobsync::sync {
namespace {

const config::SyncSettings& settings_of(const config::Config& config, const std::string& instance) {
  static const config::SyncSettings defaults;
  for (const auto& p : config.plugins) {
    if (p.instance == instance) return p.sync;
  }
  return defaults;
}

}  // namespace

std::vector<SyncResult> sync_sources(app::Services& services, const SourceSelection& selection,
                                     const SyncOptions& options,
                                     const std::function<void(const std::string&, std::size_t)>& progress) {
  auto sources = services.plugins().instances_with(LOBSYNC_CAP_ROSTER_SOURCE);
  if (selection.source) {
    std::erase_if(sources, [&](const auto* i) { return i->name() != *selection.source; });
    if (sources.empty()) {
      throw std::invalid_argument("'" + *selection.source + "' is not a running roster source (see lobsync status)");
    }
  }
  SyncEngine engine(services.store(), services.clock(), date::locate_zone(services.config().timezone));
  std::vector<SyncResult> results;
  for (auto* source : sources) {
    auto report = [&](std::size_t n) {
      if (progress) progress(source->name(), n);
    };
    results.push_back(engine.run(*source, settings_of(services.config(), source->name()), options, report));
    send_report(results.back(), services.config(), services.plugins(), services.clock().now());
  }
  return results;
}

SyncResult approve_run(app::Services& services, std::int64_t run_id) {
  SyncEngine engine(services.store(), services.clock(), date::locate_zone(services.config().timezone));
  const auto run = services.store().roster().sync_run(run_id);
  const std::string source = run ? run->source : "";
  return engine.approve(run_id, settings_of(services.config(), source));
}

int exit_code(const std::vector<SyncResult>& results) {
  bool held = false;
  for (const auto& r : results) {
    if (r.status == "failed") return 1;
    if (r.status == "held") held = true;
  }
  return held ? 3 : 0;
}

std::string summary(const SyncResult& r) {
  std::string out = fmt::format("source {}: {} (run {})\n", r.source, r.status, r.run_id);
  if (!r.reason.empty()) out += fmt::format("  reason: {}\n", r.reason);
  for (const auto& [kind, c] : r.counts) {
    out += fmt::format("  {:<10} {:>7} added {:>7} updated {:>7} removed {:>7} unchanged\n", report_name(kind), c.added,
                       c.updated, c.removed, c.unchanged);
  }
  if (r.problems_total > 0) {
    out += fmt::format("  {} problem(s){}\n", r.problems_total, r.problems_total > 10 ? ", the first 10:" : ":");
    for (std::size_t i = 0; i < r.problems.size() && i < 10; ++i) {
      const auto& p = r.problems[i];
      out += fmt::format("    {}{}: {} ({})\n", p.record, p.field.empty() ? "" : " " + p.field, p.message,
                         p.dropped == "nothing" ? "kept" : p.dropped + " dropped");
    }
  }
  return out;
}

}  // namespace lobsync::sync
