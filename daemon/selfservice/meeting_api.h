// GET /api/v1/meetings/{id}: one meeting for its mentor (bearer token), with the state of its
// home assignment: {id,type,student,start,end,location,status,sequence,assignment}.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "domain/meeting.h"
#include "selfservice/services_source.h"

#include <nlohmann/json.hpp>

namespace lobsync::selfservice {

http::Response meeting_api(const ServicesSource& services, const http::Request& request);

// The meeting as meeting_api answers it (also the answer to an attendance mark).
nlohmann::json meeting_json(app::Services& services, const domain::Meeting& meeting);

}  // namespace lobsync::selfservice
