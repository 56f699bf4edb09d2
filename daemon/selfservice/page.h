// The frame of every page parents, students and mentors see: a small HTML document without
// scripts under a header with the school's name, styled by the daemon's one stylesheet
// (stylesheet.h), and the headers that keep it out of caches, referrers and frames. Also the
// pieces every form shares: the notice above a page, the error summary and a field's error.
#pragma once

#include "http/response.h"
#include "selfservice/page_frame.h"

#include <string>
#include <string_view>
#include <vector>

namespace lobsync::messaging {
class Translations;
}

namespace lobsync::selfservice {

// A whole HTML document in the school's frame (page_frame.h: its name, logo and stylesheet);
// `body` is trusted HTML (already escaped), the frame and `title` are escaped here. A frame
// without a school name leaves the header out.
std::string html_document(std::string_view language, std::string_view direction, const PageFrame& school,
                          std::string_view title, std::string_view body);

// text/html with Cache-Control: no-store (set by the server), Referrer-Policy: no-referrer,
// X-Frame-Options: DENY and a Content-Security-Policy that allows no scripts and only the
// daemon's own stylesheet.
http::Response page_response(int status, std::string html);

// 303 See Other to `location`, the answer to every POST that did what was asked
// (Post/Redirect/Get: the browser shows the result through a GET, so a reload never posts twice).
http::Response see_other(std::string location);

// 404 "this link is invalid or expired" (Dutch and English), the same for every kind of link so
// a page never tells a forged token from an expired one.
http::Response invalid_link_page(const PageFrame& school);

// A message above the page: "success" (a POST did what was asked), "warning" (it did not; the
// page says why) or "" (information).
std::string notice(std::string_view kind, std::string_view text);

// Text someone wrote, escaped, with its line breaks kept (<br>).
std::string paragraph_html(std::string_view text);

// One problem of a sent form: the id of the control to fix (the summary links to it, "" for a
// problem of the whole form) and what to do, already in the reader's language.
struct FormProblem {
  std::string control_id;
  std::string message;
};

// The box at the top of a form that was sent back: `heading`, then each problem as a link to
// its control. Empty for no problems.
std::string error_summary(std::string_view heading, const std::vector<FormProblem>& problems);

// The message next to the control in error, with the id its aria-describedby names
// (error_id(control_id)).
std::string field_error(std::string_view control_id, std::string_view message);
std::string error_id(std::string_view control_id);
// ` aria-invalid="true" aria-describedby="…"` for a control in error, else "".
std::string invalid_attributes(std::string_view control_id, bool invalid);

}  // namespace lobsync::selfservice
