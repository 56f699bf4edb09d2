// GET and POST /s/{token}: the student's own page (token purpose "student", subject the
// student's roster key; records/student_link.h). GET lists the student's conversations that
// have begun (cancelled and missed ones only when a report of them exists): a link to the
// mentor's record, the student's latest report, and the form to write or edit it. POST (a
// urlencoded form) writes a new version of one conversation's report:
//   meeting=<id>&reflection=...&activity1=...&...&activity6=...
// then 303 to the page (?saved=<meeting id>); action=language&language=<code> is the language
// switch every page carries (kept for the student alone). Errors: invalid link 404; not a form or broken
// UTF-8 400; body over the limit 413; a meeting that is not the student's 404; a meeting that
// has not begun, was cancelled or missed 409 (the page says why); bad text 422 with what was
// typed kept. The audit log gets the meeting and version, never the text.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

#include <cstddef>

namespace lobsync::selfservice {

// A full report, every character %-encoded UTF-8 (up to 4 bytes, 3 bytes encoded each), fits.
inline constexpr std::size_t kStudentPageLimitBytes = 64 * 1024;

http::Response show_student_page(const ServicesSource& services, const http::Request& request);
http::Response write_student_report(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
