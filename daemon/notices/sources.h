// Every notice source the digest runs, and every sign of a parent's response the call list
// knows, in one place. Today: meeting reminders, and no extra response signal. Further sources
// (home assignments, records to sign) and signals are added in sources.cpp.
#pragma once

#include "notices/call_list.h"
#include "notices/notice.h"

namespace lobsync::notices {

std::vector<NoticeSource> notice_sources();

// Signs other than a confirmed meeting that a parent responded, for the call list (e.g. a home
// assignment the parent marked done). Today none: an empty function.
RespondedFn responded_signal(store::Store& store);

}  // namespace lobsync::notices
