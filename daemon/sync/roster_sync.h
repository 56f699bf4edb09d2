// Syncing every configured roster source: what `lobsync sync` and the nightly "sync" job run.
#pragma once

#include "sync/engine.h"

#include <optional>
#include <string>
#include <vector>

namespace lobsync::app {
class Services;
}

namespace lobsync::sync {

struct SourceSelection {
  std::optional<std::string> source;  // one instance by name, or every roster source
};

// Runs the engine for the selected sources, in config order. Throws std::invalid_argument when
// the named source is not a running roster source.
std::vector<SyncResult> sync_sources(app::Services& services, const SourceSelection& selection,
                                     const SyncOptions& options,
                                     const std::function<void(const std::string&, std::size_t)>& progress = {});

// Approves a held run; the source's settings come from the config.
SyncResult approve_run(app::Services& services, std::int64_t run_id);

// 0 when every source applied or dry-ran, 3 when one was held (and none failed), 1 on failure.
int exit_code(const std::vector<SyncResult>& results);

// One line per source and entity, for people.
std::string summary(const SyncResult& result);

}  // namespace lobsync::sync
