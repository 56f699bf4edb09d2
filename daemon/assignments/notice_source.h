// The notices of home assignments: the assignment itself `days_before` the meeting and a
// reminder `reminder_days_before` it, to the student and each parent with an e-mail address,
// until someone marks it done or the meeting is cancelled. Days are local calendar days in the
// school's zone (the same wall-clock time that many days earlier, across daylight saving).
#pragma once

#include "notices/notice.h"

#include <string>
#include <vector>

namespace lobsync::assignments {

// Kinds and keys: "assignment" keyed "assignment:<meeting>:<participant key>" and
// "assignment_reminder" keyed "assignment-reminder:<meeting>:<participant key>". When both are
// due at once, the assignment supersedes the reminder (the digest sends only the assignment).
std::vector<notices::Notice> assignment_notices(const notices::NoticeContext& context);

// The instant `days` local calendar days before `start` in `zone`.
Instant local_days_before(Instant start, int days, const date::time_zone& zone);

}  // namespace lobsync::assignments
