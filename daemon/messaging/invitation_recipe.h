// An invitation as the outbox keeps it until it is sent: the facts its words are made of, the
// calendar event's own fields and the envelope, about 1 KB of JSON, instead of the finished MIME
// (about 10 KB: the texts quoted-printable, the calendar base64 twice). The dispatcher builds
// the message right before the plugin call (outbox/deliverable_request.h) with the builders a
// plan used to call, from the instants and the link of the planning run, so the bytes are the
// ones a message built at planning would have had; only a change of the translation files in
// between shows.
#pragma once

#include "core/clock.h"
#include "core/json_writer.h"
#include "messaging/icalendar.h"
#include "messaging/invitation_text.h"
#include "messaging/mime_headers.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace lobsync::messaging {

struct InvitationRecipe {
  InvitationFacts facts;  // the words; its link is also the event's URL, its times the event's
  std::string uid;
  int sequence = 0;
  Instant stamp;          // DTSTAMP and the mail's Date: the planning run's instant
  bool cancelled = false;  // a CANCEL of a cancelled event, else a REQUEST
  CalendarPerson organizer;  // also the mail's sender
  std::vector<CalendarAttendee> attendees;
  Mailbox to;
  std::string message_id_left;
};

// What a calendar shows: "Loopbaangesprek met ouders – Fleur Müller" (no "Invitation:" prefix,
// which belongs to the mail's subject only).
std::string calendar_summary(const InvitationFacts& facts);

// Throws MessageError for what would make build_invitation_message refuse the recipe because of
// its data (an address that cannot be mailed, text that is not UTF-8, a line break in a name, a
// missing name, a bad link, an end before the start), without building anything: a plan checks
// each recipient with it and reports the ones that fail, so nobody's mail dies in the outbox.
void check_invitation_recipe(const InvitationRecipe& recipe);

// The finished iMIP message (imip.h) in the recipient's language.
std::string build_invitation_message(const Translations& translations, const InvitationRecipe& recipe);

// Writes the recipe as one JSON value (an object) where `writer` expects a value: the plan
// writes each outbox request as text, without building a tree first.
void write_recipe(JsonWriter& writer, const InvitationRecipe& recipe);
// The same as a tree.
nlohmann::json recipe_json(const InvitationRecipe& recipe);
// Throws MessageError naming the member that is missing or of the wrong type.
InvitationRecipe recipe_from_json(const nlohmann::json& json);

}  // namespace lobsync::messaging
