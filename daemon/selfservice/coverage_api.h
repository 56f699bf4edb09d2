// GET /api/v1/coverage[?class=NAME&mentor=KEY]: which students still miss which conversations,
// for the LOB coordinator's tools. Guarded by the admin bearer token (http.admin_token); without
// one configured the endpoint does not exist (404).
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

#include <string_view>

namespace lobsync::selfservice {

http::Response coverage_api(const ServicesSource& services, const http::Request& request);

// Whether the request carries "Authorization: Bearer <expected>"; compares in constant time.
bool bearer_matches(const http::Request& request, std::string_view expected);

}  // namespace lobsync::selfservice
