// GET /api/v1/openapi.json: the OpenAPI 3.1 document of the JSON API (openapi.json beside this
// file). It is compiled into the binary at build time, so the daemon always serves the document
// of its own version; tests/api checks it against the daemon's real answers.
#pragma once

#include "http/request.h"
#include "http/response.h"

#include <string_view>

namespace lobsync::selfservice {

inline constexpr std::string_view kOpenApiPath = "/api/v1/openapi.json";

// The text of openapi.json, byte for byte (defined in the generated openapi_text.cpp).
std::string_view openapi_text();

// Public and cacheable for a day, then revalidated with its ETag (304 on If-None-Match).
http::Response openapi_document(const http::Request& request);

}  // namespace lobsync::selfservice
