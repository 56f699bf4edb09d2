// The one stylesheet of every self-service page, in the school's accent colour (config
// "school.accent_colour"), served by the daemon itself at /static/lobsync.css. Pages link it with
// ?v=<version of the text in that colour>, so a changed stylesheet or colour is a new address and
// the old one may stay in a browser's cache for a week (Cache-Control + ETag, 304 on a match).
#pragma once

#include "http/request.h"
#include "http/response.h"

#include <string>
#include <string_view>

namespace lobsync::selfservice {

inline constexpr std::string_view kStylesheetPath = "/static/lobsync.css";

// The stylesheet with `accent` ("#rrggbb", checked by the config; "" keeps the default blue) for
// the header, buttons and links, a darker shade of it for hover and a light tint for notices.
std::string stylesheet_text(std::string_view accent);

// A short hash of stylesheet_text(accent): its ETag and the ?v= of the pages' link.
std::string stylesheet_version(std::string_view accent);

// GET /static/lobsync.css: text/css, cacheable; 304 when If-None-Match names this version.
http::Response stylesheet(const http::Request& request, std::string_view accent);

}  // namespace lobsync::selfservice
