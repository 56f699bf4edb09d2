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
// `interpreter`: a language the family asks an interpreter for while moving (the page offered
// times long enough for it); "" keeps the meeting's own.
MoveOutcome move_meeting(Services& services, const domain::Meeting& meeting, Instant start,
                         const std::string& interpreter = "");

// The meeting as it is with an interpreter for `language`: longer by the policy's
// interpreter_extra_minutes (once: a meeting that has one keeps its length).
domain::Meeting with_interpreter(const domain::Meeting& meeting, const std::string& language,
                                 const domain::Policy& policy);

enum class InterpreterOutcome {
  requested,      // the meeting is longer at the same time, confirmed; everyone gets the change
  does_not_fit,   // the longer conversation does not fit at this time: another time must be chosen
  changed,        // the meeting changed since the page was shown
};
InterpreterOutcome request_interpreter(Services& services, const domain::Meeting& meeting, const std::string& language);

}  // namespace lobsync::app
