#include "app/notice_sources.h"

#include "assignments/notice_source.h"
#include "assignments/status.h"
#include "notices/meeting_reminders.h"
#include "records/record_notices.h"
#include "records/report_notices.h"

namespace lobsync::app {

std::vector<notices::NoticeSource> notice_sources() {
  return {
      notices::meeting_reminders,
      assignments::assignment_notices,
      records::record_notices,
      records::report_notices,
  };
}

notices::RespondedFn responded_signal(store::Store& store) {
  // A parent who marked the home assignment done or answered it has read what the school sent.
  return [&store](const domain::Meeting& meeting, const domain::Participant& parent) {
    return assignments::assignment_done_by(store, meeting.id, parent.key);
  };
}

}  // namespace lobsync::app
