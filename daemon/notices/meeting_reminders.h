// Meeting reminders as a notice source: for each active meeting (planned or confirmed) that has
// not started, each student and parent with an e-mail address gets a reminder once the meeting
// is within one of the configured offsets (config notices.reminder_days, default 7 and 1 days;
// a day is 24 hours before the start). When several offsets are due at once only the nearest
// one is sent, and it supersedes the larger ones, so a 7-day reminder never follows a 1-day one.
//
// Keys: "reminder:<meeting id>:<d>d:<participant key>".
// Household (informational; the digest groups by recipient): a parent's household key from the
// roster (the guardian's own key when the roster has none), so siblings' reminders to that
// parent carry the same household; a student's own key, since a student gets their own digest.
#pragma once

#include "notices/notice.h"

namespace lobsync::notices {

std::vector<Notice> meeting_reminders(const NoticeContext& context);

// The reminder key for a meeting, an offset in days and a participant.
std::string reminder_key(const std::string& meeting, int days, const std::string& participant);

}  // namespace lobsync::notices
