// The notice source of the students' own reports, for the digest (notices/notice.h):
//  - "student_report" to the student (with an e-mail address) of each meeting of this school
//    year that has begun, was neither cancelled nor missed, began less than 60 days ago and has
//    no report yet: the student's personal link (student_link.h) to write it;
//    key "student-report:<meeting id>:<student key>", household "student:<key>";
//  - "report_signoff" to each parent (with an e-mail address) for a report's latest version,
//    while the parents may read it, the mentor's record of the meeting exists (its page is where
//    parents read and sign both) and that parent has not signed the version;
//    key "report:<meeting id>:v<n>:<parent key>".
// Nothing without self-service links (no public_url or key) or once the link would have expired.
#pragma once

#include "notices/notice.h"

#include <vector>

namespace lobsync::records {

std::vector<notices::Notice> report_notices(const notices::NoticeContext& context);

}  // namespace lobsync::records
