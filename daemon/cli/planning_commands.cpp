// `lobsync plan` and `lobsync coverage`.
#include "cli/commands.h"

#include "app/services.h"
#include "core/log.h"
#include "planning/coverage.h"
#include "planning/plan_run.h"
#include "planning/school_calendar.h"
#include "planning/school_loader.h"
#include "store/store.h"

#include <iostream>

namespace lobsync::cli {

int cmd_plan(const CommonOptions& options, const PlanCommand& command) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    app::Services services(*config, clock);
    const auto report = planning::run_plan(services, {command.dry_run});
    if (options.json) std::cout << planning::to_json(report, command.verbose).dump() << "\n";
    else std::cout << planning::summary(report);
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("plan failed: {}", e.what());
    if (options.json) std::cout << nlohmann::json{{"error", e.what()}}.dump() << "\n";
    return kExitFailure;
  }
}

int cmd_coverage(const CommonOptions& options) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto* zone = date::locate_zone(config->timezone);
    const auto now = clock.now();
    const auto school = planning::load_school(store->roster());
    const auto year = planning::school_year_for(config->planning, planning::local_day(zone, now));
    const auto rows = planning::coverage(school, config->planning, store->meetings().meetings(year.label), zone, now);
    if (options.json) std::cout << planning::to_json(rows).dump() << "\n";
    else std::cout << planning::summary(rows);
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("coverage failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
