// `lobsync dossier`.
#include "cli/commands.h"

#include "core/log.h"
#include "records/dossier_push.h"
#include "store/store.h"

#include <iostream>

namespace lobsync::cli {

int cmd_dossier(const CommonOptions& options, bool dry_run) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!translations_or_report()) return kExitFailure;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto report = records::push_final_records(*store, *config, clock.now(), dry_run);
    if (options.json) std::cout << records::to_json(report).dump() << "\n";
    else std::cout << records::summary(report) << "\n";
    return report.rejected == 0 ? kExitOk : kExitFailure;
  } catch (const std::exception& e) {
    log::error("dossier failed: {}", e.what());
    if (options.json) std::cout << nlohmann::json{{"error", e.what()}}.dump() << "\n";
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
