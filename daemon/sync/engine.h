// The roster sync: reads a full snapshot from a roster-source plugin as a stream, validates each
// record, stages it in the store, diffs it against what the store holds, and applies it in one
// transaction, or holds it when the guards say it looks wrong, or drops it on --dry-run.
#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "store/store.h"
#include "sync/record_validator.h"

#include <functional>
#include <string>
#include <vector>

namespace date {
class time_zone;
}
namespace lobsync::plugin_host {
class PluginInstance;
}

namespace lobsync::sync {

struct SyncOptions {
  bool dry_run = false;
  bool force = false;  // ignore the source's time window
};

struct SyncResult {
  std::string source;
  std::int64_t run_id = 0;
  std::string status;  // applied, held, dry-run, failed
  std::string reason;
  store::SyncCounts counts;
  std::vector<Problem> problems;  // the first kMaxKeptProblems
  std::size_t problems_total = 0;
  std::size_t records_read = 0;
};

inline constexpr std::size_t kMaxKeptProblems = 1000;

// The JSON object of the `lobsync sync --json` contract.
nlohmann::json to_json(const SyncResult& result);

class SyncEngine {
 public:
  SyncEngine(store::Store& store, const Clock& clock, const date::time_zone* zone);

  // `progress` is called now and then with the number of records read so far.
  SyncResult run(plugin_host::PluginInstance& source, const config::SyncSettings& settings, const SyncOptions& options,
                 const std::function<void(std::size_t)>& progress = {});

  // Applies the snapshot of a held run, as it was read. Refused (status "failed" with the
  // reason) when the run is not held, its snapshot is gone, or a newer sync was applied since.
  SyncResult approve(std::int64_t run_id, const config::SyncSettings& settings);

 private:
  void finish(SyncResult& result, const std::string& status, const std::string& reason);
  void apply(SyncResult& result, const config::SyncSettings& settings);

  store::Store& store_;
  const Clock& clock_;
  const date::time_zone* zone_;
};

}  // namespace lobsync::sync
