// GET /api/v1/meetings/{id}: one meeting for its mentor (bearer token), with the state of its
// home assignment: {id,type,student,start,end,location,status,sequence,assignment}.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

namespace lobsync::selfservice {

http::Response meeting_api(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
