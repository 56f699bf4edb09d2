#include "app/roster_sync.h"

#include "app/services.h"
#include "sync/report_mail.h"

#include <stdexcept>

namespace lobsync::app {

using sync::SyncOptions;
using sync::SyncResult;

namespace {

const config::SyncSettings& settings_of(const config::Config& config, const std::string& instance) {
  static const config::SyncSettings defaults;
  for (const auto& p : config.plugins) {
    if (p.instance == instance) return p.sync;
  }
  return defaults;
}

}  // namespace

std::vector<SyncResult> sync_sources(Services& services, const SourceSelection& selection,
                                     const SyncOptions& options,
                                     const std::function<void(const std::string&, std::size_t)>& progress) {
  auto sources = services.plugins().instances_with(plugin_host::Capability::roster_source);
  if (selection.source) {
    std::erase_if(sources, [&](const auto* i) { return i->name() != *selection.source; });
    if (sources.empty()) {
      throw std::invalid_argument("'" + *selection.source + "' is not a running roster source (see lobsync status)");
    }
  }
  sync::SyncEngine engine(services.store(), services.clock(), services.zone());
  std::vector<SyncResult> results;
  for (auto* source : sources) {
    auto report = [&](std::size_t n) {
      if (progress) progress(source->name(), n);
    };
    results.push_back(engine.run(*source, settings_of(services.config(), source->name()), options, report));
    sync::send_report(results.back(), services.config(), services.plugins(), services.clock().now());
  }
  return results;
}

SyncResult approve_run(Services& services, std::int64_t run_id) {
  sync::SyncEngine engine(services.store(), services.clock(), services.zone());
  const auto run = services.store().roster().sync_run(run_id);
  const std::string source = run ? run->source : "";
  return engine.approve(run_id, settings_of(services.config(), source));
}

}  // namespace lobsync::app
