#include "app/attendance.h"

#include "app/services.h"
#include "core/log.h"
#include "store/store.h"

namespace lobsync::app {

AttendanceOutcome mark_attendance(Services& services, std::string_view meeting_id, store::Attendance outcome,
                                  std::string_view actor) {
  auto& store = services.store();
  const auto now = services.clock().now();
  auto meeting = store.meetings().meeting(meeting_id);
  if (!meeting) return {AttendanceResult::no_such_meeting, std::nullopt};
  if (!meeting->active()) return {AttendanceResult::cancelled, meeting};
  if (meeting->start > now) return {AttendanceResult::not_started, meeting};
  meeting = store.meetings().mark_attendance(meeting_id, outcome, actor, now);
  if (!meeting) return {AttendanceResult::no_such_meeting, std::nullopt};
  store.audit(actor, "meeting.attendance", "meeting:" + std::string(meeting_id),
              {{"outcome", store::attendance_name(outcome)}, {"sequence", meeting->sequence}}, now);
  log::info("meeting {} marked {} (version {})", meeting_id, store::attendance_name(outcome), meeting->sequence);
  return {AttendanceResult::marked, meeting};
}

std::optional<store::Attendance> parse_attendance(std::string_view text) {
  if (text == "held") return store::Attendance::held;
  if (text == "no-show" || text == "no_show") return store::Attendance::no_show;
  if (text == "family-cancelled" || text == "family_cancelled") return store::Attendance::family_cancelled;
  return std::nullopt;
}

}  // namespace lobsync::app
