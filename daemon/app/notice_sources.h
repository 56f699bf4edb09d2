// The composition of the digest: every notice source it runs, and every sign of a parent's response the call list
// knows, in one place: meeting reminders, home assignments and their reminders, records to read
// and sign; a home assignment marked done counts as a response.
#pragma once

#include "notices/call_list.h"
#include "notices/notice.h"

namespace lobsync::app {

std::vector<notices::NoticeSource> notice_sources();

// Signs other than a confirmed meeting that a parent responded, for the call list: a home
// assignment the parent marked done or answered.
notices::RespondedFn responded_signal(store::Store& store);

}  // namespace lobsync::app
