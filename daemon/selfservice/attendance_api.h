// POST /api/v1/meetings/{id}/attendance {"outcome": "held" | "no_show" | "family_cancelled"}:
// the meeting's mentor (bearer token) says what happened once it has started (app/attendance.h).
// 200 with the meeting as GET /api/v1/meetings/{id} gives it; 400 a body that is not a JSON
// object; 422 an unknown outcome; 409 a cancelled meeting or one that has not started.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

namespace lobsync::selfservice {

http::Response attendance_api(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
