#include "selfservice/meeting_api.h"

#include "app/services.h"
#include "assignments/status.h"
#include "core/iso_time.h"
#include "selfservice/mentor_auth.h"

namespace lobsync::selfservice {

nlohmann::json meeting_json(app::Services& services, const domain::Meeting& m) {
  return {{"id", m.id},
          {"type", m.type},
          {"student", m.student},
          {"start", iso_utc(m.start)},
          {"end", iso_utc(m.end)},
          {"location", m.location},
          {"status", m.status},
          {"sequence", m.sequence},
          {"assignment", assignments::assignment_json(services.store(), services.config(), m)}};
}

http::Response meeting_api(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  auto& store = s->store();
  const auto mentor = mentor_of_request(store, request);
  if (!mentor) return unauthorized();
  const auto meeting = store.meetings().meeting(request.params.at("id"));
  if (!meeting) return http::Response::error(404, "no such meeting");
  if (meeting->mentor != *mentor) return http::Response::error(403, "only the meeting's mentor may read it");
  return http::Response::json(200, meeting_json(*s, *meeting));
}

}  // namespace lobsync::selfservice
