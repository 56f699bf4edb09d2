// GET and POST /m/{token}: the mentor's web form for a conversation record, reached from the
// link in their calendar copy (or `lobsync links record`). GET shows the form, prefilled from
// the latest version; POST checks it with the records API's rules and stores it through the
// same call (a new version). The signed link is the mentor's authority; tokens are never logged.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

#include <cstddef>

namespace lobsync::selfservice {

// Four phases of at most 4000 characters, percent-encoded, fit well inside; larger is 413.
inline constexpr std::size_t kRecordFormLimitBytes = 256 * 1024;

http::Response show_record_form(const ServicesSource& services, const http::Request& request);
http::Response submit_record_form(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
