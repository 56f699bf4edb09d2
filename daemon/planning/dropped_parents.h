// Parents who were invited to a meeting and are no longer in it (an adult student changed the
// answer to "I come alone", a guardian left the roster) get a cancellation of their invitation:
// an iMIP CANCEL of the meeting's new version, to them only. The others get the update itself.
#pragma once

#include "domain/meeting.h"
#include "planning/invitations.h"

#include <vector>

namespace lobsync::planning {

std::vector<store::OutboxEntry> dropped_parent_effects(const domain::Meeting& before, const domain::Meeting& after,
                                                       const InvitationContext& context);

}  // namespace lobsync::planning
