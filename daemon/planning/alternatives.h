// Other times a parent may move a planned meeting to: the meeting's mentor is free (other active
// meetings with the break, busy times, the daily maximum), the time obeys the calendar rules of
// the conversation's type (slot_rules.h) inside its window, and it is after today.
#pragma once

#include "core/clock.h"
#include "domain/meeting.h"
#include "domain/policy.h"
#include "planning/planner.h"

#include <date/tz.h>

#include <cstddef>
#include <vector>

namespace lobsync::planning {

struct AlternativesInput {
  const domain::Policy* policy = nullptr;
  const date::time_zone* zone = nullptr;
  Instant now;
  domain::Meeting meeting;                       // the meeting to move
  std::vector<domain::Meeting> mentor_meetings;  // the mentor's meetings; this one and cancelled ones are skipped
  std::vector<BusyInterval> busy;                // the mentor's busy times
};

struct FreeSlot {
  Instant start, end;
};

// Up to `limit` free times, earliest first, at most one per day, never the meeting's own time.
std::vector<FreeSlot> alternatives(const AlternativesInput& input, std::size_t limit);

enum class SlotCheck {
  free,         // the meeting may move there
  not_allowed,  // never a valid choice (outside the window or hours, off the slot grid, in the past)
  taken,        // valid, but the mentor is not free then (any more)
};
SlotCheck check_slot(const AlternativesInput& input, Instant start);

}  // namespace lobsync::planning
