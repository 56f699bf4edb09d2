// The roster sync use case, as `lobsync sync` and the nightly "sync" job run it: every configured
// roster source through the sync engine, and the report mail for a run that was held or failed.
#pragma once

#include "sync/engine.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::app {

class Services;

struct SourceSelection {
  std::optional<std::string> source;  // one instance by name, or every roster source
};

// Runs the engine for the selected sources, in config order. Throws std::invalid_argument when
// the named source is not a running roster source.
std::vector<sync::SyncResult> sync_sources(Services& services, const SourceSelection& selection,
                                           const sync::SyncOptions& options,
                                           const std::function<void(const std::string&, std::size_t)>& progress = {});

// Approves a held run; the source's settings come from the config.
sync::SyncResult approve_run(Services& services, std::int64_t run_id);

}  // namespace lobsync::app
