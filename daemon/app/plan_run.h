// The planning use case: one run, as `lobsync plan` and the nightly "plan" job run it: read the school from
// the store and busy times from the plugins, plan, then save the changed meetings together with
// the invitations they cause (unless it is a dry run).
#pragma once

#include "planning/planner.h"
#include "planning/workload.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lobsync::app {

class Services;

struct PlanOptions {
  bool dry_run = false;
};

struct PlanReport {
  std::int64_t run_id = 0;
  bool dry_run = false;
  planning::PlanResult result;
  std::size_t effects = 0;  // outbox items queued (invitations, calendar writes)
  std::size_t asked = 0;    // adult students asked now whether their parents are invited
  std::vector<std::string> warnings;
  planning::WeeklyLoad load;  // each lead's conversations per week after this plan
  int max_per_day = 0, max_per_week = 0;  // the limits the plan kept to
  // Roster values that could not be used and messages that could not be built, each naming the
  // record (source:id) and field; the people concerned are on their mentor's call list.
  std::vector<domain::RosterProblem> problems;
};

// Throws std::runtime_error (BusySourceError, StoreError, …) when it cannot plan; then nothing changed.
PlanReport run_plan(Services& services, const PlanOptions& options);

nlohmann::json to_json(const PlanReport& report, bool verbose);
std::string summary(const PlanReport& report);

}  // namespace lobsync::app
