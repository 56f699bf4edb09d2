// GET /api/v1/mentors/{id}/call-list: the parents a mentor should phone (notices/call_list.h),
// for the mentor's own tools. The mentor's bearer token is required (401 without or with a wrong
// one) and a mentor reads only their own list (403 for another {id}).
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

namespace lobsync::selfservice {

http::Response call_list_api(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
