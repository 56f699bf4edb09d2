// The side effects of a changed meeting: an iMIP invitation (REQUEST or CANCEL) per participant
// with an e-mail address, in their language, and the mentor's calendar copy in every configured
// calendar. Each has an idempotency key of (meeting, sequence, recipient): re-planning never
// queues the same version twice, and a new version (higher SEQUENCE) is a new message.
#pragma once

#include "config/config.h"
#include "domain/meeting.h"
#include "domain/school.h"
#include "planning/planner.h"
#include "store/meeting_store.h"

#include <date/tz.h>

namespace lobsync::messaging {
class Translations;
}

namespace lobsync::planning {

struct InvitationContext {
  const config::Config* config = nullptr;
  const domain::School* school = nullptr;
  const date::time_zone* zone = nullptr;
  Instant now;
  const messaging::Translations* translations = nullptr;  // null: the shipped translation files
};

// "<meeting id>@<the organizer's domain>": the same UID in every copy and every version.
std::string meeting_uid(const domain::Meeting& meeting, const domain::Policy& policy);

std::vector<store::OutboxEntry> invitation_effects(const domain::Meeting& meeting, Change change,
                                                   const InvitationContext& context);

}  // namespace lobsync::planning
