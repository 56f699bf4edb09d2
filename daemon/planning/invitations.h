// The side effects of a changed meeting: an iMIP invitation (REQUEST or CANCEL) per participant
// with an e-mail address, in their language, queued as its recipe and built when it is sent
// (messaging/invitation_recipe.h), and the mentor's calendar copy in every configured calendar. Each has an idempotency key of (meeting, sequence, recipient): re-planning never
// queues the same version twice, and a new version (higher SEQUENCE) is a new message.
#pragma once

#include "config/config.h"
#include "domain/meeting.h"
#include "domain/school.h"
#include "planning/planner.h"
#include "messaging/icalendar.h"
#include "store/link_key_store.h"
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
  // Parents' self-service links: both set, or no links (config http.public_url unset).
  std::string public_url;                  // e.g. "https://lob.school.example", no trailing '/'
  std::optional<store::LinkKey> link_key;  // the key new links are signed with
  // Where a message that cannot be built for one recipient is reported; that recipient is left
  // out and everyone else still gets theirs. Null: logged only.
  std::vector<domain::RosterProblem>* problems = nullptr;
};

// How long a parent's link works after the meeting ended.
inline constexpr std::chrono::hours kBookingLinkGrace{14 * 24};

// "<public_url>/p/<token>" for this parent and meeting version, or "" without public_url/key.
std::string booking_link(const domain::Meeting& meeting, const domain::Participant& parent,
                         const InvitationContext& context);

// The mentor's copy of a meeting as stored in a calendar or served in the feed: every
// participant with an address as attendee, the mentor's texts (with the conversation guide) for
// a new (Change::created) or changed meeting.
messaging::CalendarEvent mentor_copy(const domain::Meeting& meeting, Change change, const InvitationContext& context);

// "<meeting id>@<the organizer's domain>": the same UID in every copy and every version.
std::string meeting_uid(const domain::Meeting& meeting, const domain::Policy& policy);

// The outbox key of the invitation of this version of the meeting to this recipient.
std::string invitation_key(const domain::Meeting& meeting, const domain::Participant& recipient);
// The order group of every version of the meeting's invitation to this recipient: sent in the
// order queued, so a cancellation never overtakes its invitation (store/outbox_store.h).
std::string invitation_order_group(const domain::Meeting& meeting, const domain::Participant& recipient);

// A recipient whose message cannot be built (see InvitationContext::problems) is skipped.
std::vector<store::OutboxEntry> invitation_effects(const domain::Meeting& meeting, Change change,
                                                   const InvitationContext& context);

}  // namespace lobsync::planning
