#include "selfservice/attendance_api.h"

#include "app/attendance.h"
#include "app/services.h"
#include "core/iso_time.h"
#include "selfservice/meeting_api.h"
#include "selfservice/mentor_auth.h"
#include "store/store.h"

namespace lobsync::selfservice {

http::Response attendance_api(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  auto& store = s->store();
  const auto mentor = mentor_of_request(store, request);
  if (!mentor) return unauthorized();
  const auto& id = request.params.at("id");
  const auto meeting = store.meetings().meeting(id);
  if (!meeting) return http::Response::error(404, "no such meeting");
  if (meeting->mentor != *mentor) return http::Response::error(403, "only the meeting's mentor may mark it");

  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object()) return http::Response::error(400, "the body is not a JSON object");
  const auto* text = body.contains("outcome") ? body["outcome"].get_ptr<const std::string*>() : nullptr;
  const auto outcome = text != nullptr ? app::parse_attendance(*text) : std::nullopt;
  if (!outcome) return http::Response::error(422, "outcome must be one of held, no_show, family_cancelled");

  const auto done = app::mark_attendance(*s, id, *outcome, *mentor);
  switch (done.result) {
    case app::AttendanceResult::no_such_meeting: return http::Response::error(404, "no such meeting");
    case app::AttendanceResult::cancelled: return http::Response::error(409, "the meeting was cancelled");
    case app::AttendanceResult::not_started:
      return http::Response::error(409, "the meeting has not started yet (" + iso_utc(done.meeting->start) + ")");
    case app::AttendanceResult::marked: break;
  }
  return http::Response::json(200, meeting_json(*s, *done.meeting));
}

}  // namespace lobsync::selfservice
