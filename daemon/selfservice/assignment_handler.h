// GET and POST /a/{token}: the home assignment page a student or parent reaches from the
// notice. GET only shows (mail scanners open links); POST marks the assignment done and keeps
// the short answer for the mentor. Tokens are never logged.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

#include <cstddef>

namespace lobsync::selfservice {

// Larger bodies get 413: 1000 characters of answer, percent-encoded, fit well inside.
inline constexpr std::size_t kAssignmentFormLimitBytes = 16 * 1024;

http::Response show_assignment(const ServicesSource& services, const http::Request& request);
http::Response mark_assignment_done(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
