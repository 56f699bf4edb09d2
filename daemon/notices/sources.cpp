#include "notices/sources.h"

#include "notices/meeting_reminders.h"

namespace lobsync::notices {

std::vector<NoticeSource> notice_sources() {
  return {
      meeting_reminders,
  };
}

RespondedFn responded_signal(store::Store& /*store*/) { return {}; }

}  // namespace lobsync::notices
