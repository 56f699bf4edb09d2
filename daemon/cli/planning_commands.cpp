// `lobsync plan`, `lobsync coverage` and `lobsync attendance`.
#include "cli/commands.h"

#include "app/attendance.h"
#include "app/services.h"
#include "config/planning_load.h"
#include "core/iso_time.h"
#include "core/log.h"
#include "core/time_zone.h"
#include "planning/coverage.h"
#include "app/plan_run.h"
#include "planning/school_calendar.h"
#include "store/school_model.h"
#include "store/store.h"

#include <iostream>

namespace lobsync::cli {

int cmd_plan(const CommonOptions& options, const PlanCommand& command) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!translations_or_report()) return kExitFailure;
  SystemClock clock;
  try {
    app::Services services(*config, clock);
    const auto report = app::run_plan(services, {command.dry_run});
    if (options.json) std::cout << app::to_json(report, command.verbose).dump() << "\n";
    else std::cout << app::summary(report);
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
    const auto* zone = find_time_zone(config->timezone);
    const auto now = clock.now();
    const auto school = store::load_school(store->roster(), config->guardian_organisations);
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

int cmd_attendance(const CommonOptions& options, const std::string& meeting_id, const std::string& outcome_text) {
  const auto outcome = app::parse_attendance(outcome_text);
  if (!outcome) {
    std::cerr << "unknown outcome \"" << outcome_text << "\": held, no-show or family-cancelled\n";
    return kExitUsage;
  }
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    app::Services services(*config, clock);
    const auto done = app::mark_attendance(services, meeting_id, *outcome, "cli");
    switch (done.result) {
      case app::AttendanceResult::no_such_meeting:
        std::cerr << "no meeting with id " << meeting_id << " (see lobsync plan --verbose)\n";
        return kExitUsage;
      case app::AttendanceResult::cancelled:
        std::cerr << "meeting " << meeting_id << " was cancelled: nothing to mark\n";
        return kExitUsage;
      case app::AttendanceResult::not_started:
        std::cerr << "meeting " << meeting_id << " has not started yet (" << iso_utc(done.meeting->start)
                  << "): mark it once it has\n";
        return kExitUsage;
      case app::AttendanceResult::marked: break;
    }
    const auto& m = *done.meeting;
    if (options.json) {
      std::cout << nlohmann::json{{"meeting", m.id}, {"outcome", store::attendance_name(*outcome)},
                                  {"status", m.status}, {"sequence", m.sequence}}.dump() << "\n";
    } else if (m.status == domain::kMissed) {
      std::cout << "meeting " << m.id << " marked " << store::attendance_name(*outcome)
                << ": the next plan gives it a new time; the family is on the mentor's call list\n";
    } else {
      std::cout << "meeting " << m.id << " marked held\n";
    }
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("attendance failed: {}", e.what());
    return kExitFailure;
  }
}

int cmd_family(const CommonOptions& options, const FamilyCommand& command) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  std::optional<domain::TimeWindow> hours;
  if (command.prefer && !command.prefer->empty()) {
    hours = config::parse_hours(*command.prefer);
    if (!hours) {
      std::cerr << "--prefer: must be hours like 17:00-20:00 (local time)\n";
      return kExitUsage;
    }
  }
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto school = store::load_school(store->roster(), config->guardian_organisations);
    const auto* student = school.find_student(command.student);
    if (!student) {
      std::cerr << "no student '" << command.student << "' (a key as `lobsync coverage --json` shows it, or a "
                << "student number that belongs to one student)\n";
      return kExitUsage;
    }
    auto& meetings = store->meetings();
    if (command.separate) meetings.set_separate_households(student->key, *command.separate, clock.now());
    if (command.prefer) meetings.set_parent_preference(student->key, hours, clock.now());
    store->audit("admin", "family.set", "student:" + student->key,
                 {{"separate", command.separate ? nlohmann::json(*command.separate) : nlohmann::json()},
                  {"prefer", command.prefer ? nlohmann::json(*command.prefer) : nlohmann::json()}},
                 clock.now());
    const bool separate = meetings.separate_households().count(student->key) > 0;
    const auto preferences = meetings.parent_preferences();
    const auto it = preferences.find(student->key);
    const auto prefer = it == preferences.end()
                            ? std::string()
                            : fmt::format("{:02}:{:02}-{:02}:{:02}", it->second.from / 60, it->second.from % 60,
                                          it->second.to / 60, it->second.to % 60);
    if (options.json) {
      std::cout << nlohmann::json{{"student", student->key}, {"separate", separate}, {"prefer", prefer}}.dump() << "\n";
    } else {
      std::cout << student->key << ": " << (separate ? "one meeting per household" : "parents meet together")
                << (prefer.empty() ? "" : ", preferred hours " + prefer) << "; the next plan uses this\n";
    }
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("family failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
