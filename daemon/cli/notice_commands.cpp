// `lobsync remind` (the daily digest of reminders) and `lobsync calllist` (a mentor's call list).
#include "cli/commands.h"

#include "cli/staff_lookup.h"
#include "core/iso_time.h"
#include "core/log.h"
#include "notices/call_list.h"
#include "app/remind.h"
#include "app/notice_sources.h"
#include "store/school_model.h"
#include "store/store.h"

#include <fmt/format.h>

#include <iostream>

namespace lobsync::cli {

int cmd_remind(const CommonOptions& options, const RemindCommand& command) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!translations_or_report()) return kExitFailure;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto report = app::run_remind(*config, *store, clock.now(), {command.dry_run});
    if (options.json) {
      std::cout << notices::to_json(report).dump() << "\n";
    } else {
      std::cout << notices::summary(report) << "\n";
    }
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("remind failed: {}", e.what());
    if (options.json) std::cout << nlohmann::json{{"error", e.what()}}.dump() << "\n";
    return kExitFailure;
  }
}

int cmd_calllist(const CommonOptions& options, const std::string& mentor) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto school = store::load_school(store->roster(), config->guardian_organisations);
    const auto key = staff_key_or_report(school, mentor);
    if (key.empty()) return kExitUsage;
    const auto entries = notices::call_list(key, {&school, store.get(), clock.now(), config->notices.call_list_days,
                                                    app::responded_signal(*store)});
    if (options.json) {
      std::cout << notices::to_json(key, entries).dump() << "\n";
      return kExitOk;
    }
    if (entries.empty()) std::cout << "nobody to call\n";
    for (const auto& e : entries) {
      std::string reasons;
      for (const auto& r : e.reasons) reasons += (reasons.empty() ? "" : ", ") + r;
      std::cout << fmt::format("{}  {} ({})  {} ({})  phone: {}  [{}]  meeting {}\n", local_text(e.start, config->timezone), e.person_name,
                               e.role, e.student_name, e.type, e.phone.empty() ? "-" : e.phone, reasons, e.meeting);
    }
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("calllist failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
