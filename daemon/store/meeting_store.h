// The planning part of the store: meetings (one row per conversation, its current version),
// the plan runs, and families' choices that planning respects. Saving a plan writes the changed
// meetings and the side effects they cause (invitations in the outbox) in one transaction, so a
// crash leaves either both or neither.
#pragma once

#include "core/clock.h"
#include "domain/meeting.h"
#include "domain/policy.h"
#include "store/outbox_store.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

// A mentor's busy time as the last plan run read it (timetable, own calendar): a cache for the
// booking pages, which must not call the busy sources on every page view.
struct BusyTime {
  std::string person;  // staff key
  Instant start, end;
};

// How a parent's move of a meeting ended (MeetingStore::rebook).
enum class RebookResult { moved, stale, taken };

// What a moved meeting must respect against the mentor's other meetings, checked inside the
// rebook transaction: a break of `gap` around each, and at most `max_per_day` (0: no limit)
// starting within the local school day [day_from, day_to) of the new time.
struct RebookRules {
  std::chrono::minutes gap{0};
  int max_per_day = 0;
  Instant day_from, day_to;
};

struct PlanRun {
  std::int64_t id = 0;
  Instant started_at, finished_at;
  bool dry_run = false;
  nlohmann::json summary;
};

// What happened to a meeting that has started, as its mentor tells it.
enum class Attendance {
  held,              // it took place
  no_show,           // the family did not come
  family_cancelled,  // the family called it off
};
const char* attendance_name(Attendance a);  // "held", "no_show", "family_cancelled"

class MeetingStore {
 public:
  virtual ~MeetingStore() = default;

  // Every meeting of a school year ("2026-2027"), cancelled ones included, ordered by id.
  virtual std::vector<domain::Meeting> meetings(std::string_view school_year) = 0;
  virtual std::optional<domain::Meeting> meeting(std::string_view id) = 0;
  // A mentor's meetings that are not cancelled, by start time (the mentor's calendar feed).
  virtual std::vector<domain::Meeting> mentor_meetings(std::string_view mentor) = 0;
  // A student's meetings, cancelled ones included, by start time (the student's own page).
  virtual std::vector<domain::Meeting> student_meetings(std::string_view student) = 0;
  // A student's meetings of a school year that are not cancelled, by start time (a student's
  // own page asks about them without reading the whole year).
  virtual std::vector<domain::Meeting> student_meetings(std::string_view student, std::string_view school_year) = 0;
  // Inserts or replaces the meetings and enqueues the entries (idempotent by key), atomically.
  // A meeting whose stored version is already as new as the one given (changed meanwhile by
  // someone else) makes the whole save fail with StoreError: nothing is saved or queued.
  virtual void save(const std::vector<domain::Meeting>& changed, const std::vector<OutboxEntry>& effects,
                    Instant now) = 0;
  // Replaces one meeting only if its sequence is still `expected_sequence` (a booking race:
  // exactly one of two concurrent changes wins), and enqueues the effects with it.
  virtual bool save_if_sequence(const domain::Meeting& changed, int expected_sequence,
                                const std::vector<OutboxEntry>& effects, Instant now) = 0;

  // Moves one meeting to the time in `moved` and enqueues the effects, in one transaction that
  // first checks that the stored sequence is still `expected_sequence` (else stale) and that no
  // other active meeting of the same mentor overlaps the new time, each kept `rules.gap` apart,
  // nor fills the mentor's day beyond `rules.max_per_day` (else taken). Two parents choosing the
  // same time, or the last free place of a day, at once: exactly one gets `moved`.
  virtual RebookResult rebook(const domain::Meeting& moved, int expected_sequence, const RebookRules& rules,
                              const std::vector<OutboxEntry>& effects, Instant now) = 0;

  // Records what happened to a meeting (each mark kept with the meeting's version, who and when)
  // and sets its status: held, or missed for the other two, with a higher sequence so a plan
  // that read the meeting before cannot write the old status back. The meeting as it is now;
  // nullopt when there is no such meeting.
  virtual std::optional<domain::Meeting> mark_attendance(std::string_view meeting, Attendance outcome,
                                                         std::string_view by, Instant now) = 0;
  // Meetings that were missed at least once (any version): the family is called before the new time.
  virtual std::set<std::string> missed_meetings() = 0;

  // Replaces all cached busy times (one plan run's read).
  virtual void replace_busy_times(const std::vector<BusyTime>& busy) = 0;
  // A person's cached busy times overlapping [from, to), by start.
  virtual std::vector<BusyTime> busy_times(std::string_view person, Instant from, Instant to) = 0;

  virtual std::int64_t record_plan_run(Instant started, Instant finished, bool dry_run,
                                       const nlohmann::json& summary) = 0;
  virtual std::optional<PlanRun> last_plan_run() = 0;

  // Writes `language` into every stored meeting's copy of these people (participants by key),
  // without a new version: the meeting itself is unchanged, only the language its next pages and
  // mails use for them. Returns how many meetings changed.
  virtual std::size_t set_participant_language(const std::vector<std::string>& people, std::string_view language,
                                               Instant now) = 0;

  // Students whose separated parents asked for a meeting per household.
  virtual std::set<std::string> separate_households() = 0;
  virtual void set_separate_households(std::string_view student, bool separate, Instant now) = 0;
  // Hours the parents said suit them ("after 17:00"), per student; the planner tries them first.
  virtual std::map<std::string, domain::TimeWindow> parent_preferences() = 0;
  virtual void set_parent_preference(std::string_view student, std::optional<domain::TimeWindow> hours, Instant now) = 0;
};

}  // namespace lobsync::store
