// The planning part of the store: meetings (one row per conversation, its current version),
// the plan runs, and families' choices that planning respects. Saving a plan writes the changed
// meetings and the side effects they cause (invitations in the outbox) in one transaction, so a
// crash leaves either both or neither.
#pragma once

#include "core/clock.h"
#include "domain/meeting.h"
#include "domain/policy.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

// A side effect to queue with the meetings that cause it (see OutboxStore::enqueue).
struct OutboxEntry {
  std::string key, channel, operation;
  nlohmann::json request;
};

struct PlanRun {
  std::int64_t id = 0;
  Instant started_at, finished_at;
  bool dry_run = false;
  nlohmann::json summary;
};

class MeetingStore {
 public:
  virtual ~MeetingStore() = default;

  // Every meeting of a school year ("2026-2027"), cancelled ones included, ordered by id.
  virtual std::vector<domain::Meeting> meetings(std::string_view school_year) = 0;
  virtual std::optional<domain::Meeting> meeting(std::string_view id) = 0;
  // A mentor's meetings that are not cancelled, by start time (the mentor's calendar feed).
  virtual std::vector<domain::Meeting> mentor_meetings(std::string_view mentor) = 0;
  // Inserts or replaces the meetings and enqueues the entries (idempotent by key), atomically.
  virtual void save(const std::vector<domain::Meeting>& changed, const std::vector<OutboxEntry>& effects,
                    Instant now) = 0;
  // Replaces one meeting only if its sequence is still `expected_sequence` (a booking race:
  // exactly one of two concurrent changes wins), and enqueues the effects with it.
  virtual bool save_if_sequence(const domain::Meeting& changed, int expected_sequence,
                                const std::vector<OutboxEntry>& effects, Instant now) = 0;

  virtual std::int64_t record_plan_run(Instant started, Instant finished, bool dry_run,
                                       const nlohmann::json& summary) = 0;
  virtual std::optional<PlanRun> last_plan_run() = 0;

  // Students whose separated parents asked for a meeting per household.
  virtual std::set<std::string> separate_households() = 0;
  virtual void set_separate_households(std::string_view student, bool separate, Instant now) = 0;
  // Hours the parents said suit them ("after 17:00"), per student; the planner tries them first.
  virtual std::map<std::string, domain::TimeWindow> parent_preferences() = 0;
  virtual void set_parent_preference(std::string_view student, std::optional<domain::TimeWindow> hours, Instant now) = 0;
};

}  // namespace lobsync::store
