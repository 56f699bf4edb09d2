// The parents' booking use cases behind the /p/ pages: confirming a planned meeting, and moving
// it to another free time. The rules (which times are offered, breaks and the mentor's daily
// maximum, the sequence that detects a concurrent change), the new invitations, the audit entry
// and waking the dispatcher live here; the page only translates outcomes into answers.
#pragma once

#include "app/services.h"
#include "domain/meeting.h"
#include "planning/alternatives.h"

namespace lobsync::app {

// A meeting parents may still confirm or move: active, planned or confirmed, not yet begun.
bool changeable(const domain::Meeting& meeting, Instant now);

// What the alternatives and the slot check need: the policy, the mentor's meetings and busy times.
planning::AlternativesInput alternatives_input(Services& services, const domain::Meeting& meeting);

enum class ConfirmOutcome {
  confirmed,  // now confirmed (or already was: a repeat changes nothing)
  changed,    // the meeting changed since the page was shown
};
ConfirmOutcome confirm_meeting(Services& services, const domain::Meeting& meeting);

enum class MoveOutcome {
  moved,        // moved and confirmed; new invitations are queued and the dispatcher woken
  taken,        // the time was taken in the meantime (or would break the mentor's day)
  changed,      // the meeting changed since the page was shown
  not_offered,  // not a time the page could have offered (forged or out of the window)
};
MoveOutcome move_meeting(Services& services, const domain::Meeting& meeting, Instant start);

}  // namespace lobsync::app
