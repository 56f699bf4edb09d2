// Marking what happened to a conversation: the mentor says it was held, the family did not come,
// or the family called it off. A missed conversation is still owed: the next plan places it
// again (a new time, a new invitation) and the family is on the mentor's call list until then.
#pragma once

#include "domain/meeting.h"
#include "store/meeting_store.h"

#include <optional>
#include <string_view>

namespace lobsync::app {

class Services;

enum class AttendanceResult {
  marked,
  no_such_meeting,
  cancelled,    // the meeting was cancelled: nothing to mark
  not_started,  // a meeting can only be marked once it has started
};

struct AttendanceOutcome {
  AttendanceResult result = AttendanceResult::marked;
  std::optional<domain::Meeting> meeting;  // as it is after the mark (or as it was, when refused)
};

// `actor` names who marked it in the audit log (a mentor's staff key, or "cli").
AttendanceOutcome mark_attendance(Services& services, std::string_view meeting_id, store::Attendance outcome,
                                  std::string_view actor);

// "held", "no-show" / "no_show", "family-cancelled" / "family_cancelled"; nullopt for anything else.
std::optional<store::Attendance> parse_attendance(std::string_view text);

}  // namespace lobsync::app
