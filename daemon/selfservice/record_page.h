// GET and POST /r/{token}: the conversation record's sign-off page for a parent or an adult
// student (token purpose "record", subject "<record id>/<participant key>"). GET only shows the
// latest version (mail scanners open links). POST (a urlencoded form):
//   action=sign&version=N            parent, or adult student: signs version N (again: no change)
//   action=view&version=N&text=...   parent: their own view of version N (≤ 2000 characters)
//   action=share | action=unshare    adult student: whether the parents may read the record
//   action=sign_report&report_version=N   parent: signs version N of the student's own report
//                                    (record_page_report.h); another version 409, none 404
// A version other than the latest is 409 with the latest shown. While an adult student has not
// shared, a parent's link shows only that the student decides (403, GET and POST). Errors:
// invalid link or unknown record 404, not a form 400, body over the limit 413, bad text 422.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

#include <cstddef>

namespace lobsync::selfservice {

// A view of 2000 characters fits in this even when every byte of it is %-encoded UTF-8.
inline constexpr std::size_t kRecordPageLimitBytes = 32 * 1024;

http::Response show_record(const ServicesSource& services, const http::Request& request);
http::Response change_record(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
