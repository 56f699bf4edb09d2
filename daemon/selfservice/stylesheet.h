// The one stylesheet of every self-service page, served by the daemon itself at
// /static/lobsync.css. Pages link it with ?v=<version>, so a changed stylesheet is a new address
// and the old one may stay in a browser's cache for a week (Cache-Control + ETag, 304 on a match).
#pragma once

#include "http/request.h"
#include "http/response.h"

#include <string_view>

namespace lobsync::selfservice {

inline constexpr std::string_view kStylesheetPath = "/static/lobsync.css";

// A short hash of the stylesheet's text: its ETag and the ?v= of the pages' link.
std::string_view stylesheet_version();

// GET /static/lobsync.css: text/css, cacheable; 304 when If-None-Match names this version.
http::Response stylesheet(const http::Request& request);

}  // namespace lobsync::selfservice
