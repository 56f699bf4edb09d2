// The frame of every page parents see: a small HTML document without scripts, and the headers
// that keep it out of caches, referrers and frames.
#pragma once

#include "http/response.h"

#include <string>
#include <string_view>

namespace lobsync::selfservice {

// A whole HTML document; `body` is trusted HTML (already escaped), `title` is escaped here.
std::string html_document(std::string_view language, std::string_view direction, std::string_view title,
                          std::string_view body);

// text/html with Cache-Control: no-store (set by the server), Referrer-Policy: no-referrer,
// X-Frame-Options: DENY and a Content-Security-Policy that allows no scripts.
http::Response page_response(int status, std::string html);

// 404 "this link is invalid or expired" (Dutch and English), the same for every kind of link so
// a page never tells a forged token from an expired one.
http::Response invalid_link_page();

}  // namespace lobsync::selfservice
