// A reader's own choice of language, made with the switch on any of their pages. It holds for
// their next pages and mails: for a parent, for every parent invited with them (one household
// reads one language); for a student or a mentor, for them alone. The choice is kept beside the
// roster (a sync never overrides it) and written into the meetings they are invited to, so
// reminders, moves and the pages of meetings planned before it speak that language too.
#pragma once

#include "domain/meeting.h"

#include <string_view>

namespace lobsync::app {

class Services;

// False, changing nothing, for a language the daemon does not ship.
bool choose_language(Services& services, const domain::Meeting& meeting, const domain::Participant& reader,
                     std::string_view language);

// The same for a student on a page that belongs to no meeting yet (an adult student's choice
// whether the parents are invited): for the student alone; `subject` names what the audit entry
// is about, never the person.
bool choose_own_language(Services& services, const domain::Participant& student, std::string_view subject,
                         std::string_view language);

}  // namespace lobsync::app
