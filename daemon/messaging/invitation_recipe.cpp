#include "messaging/invitation_recipe.h"

#include "messaging/imip.h"

#include <nlohmann/json.hpp>

#include <array>
#include <limits>

namespace lobsync::messaging {
namespace {

using nlohmann::json;

// Attendee roles by their names in the recipe; the index is the enum's value.
constexpr std::array<std::string_view, 4> kRoleNames{"chair", "required", "optional", "non-participant"};

// The calendar event of the invitation; `description` is the rendered text (empty to check).
CalendarEvent event_of(const InvitationRecipe& r, std::string description) {
  CalendarEvent e;
  e.uid = r.uid;
  e.sequence = r.sequence;
  e.stamp = r.stamp;
  e.start = r.facts.start;
  e.end = r.facts.end;
  e.summary = calendar_summary(r.facts);
  e.description = std::move(description);
  e.location = r.facts.location;
  e.url = r.facts.link;
  e.organizer = r.organizer;
  e.attendees = r.attendees;
  e.cancelled = r.cancelled;
  return e;
}

CalendarDocument document_of(const InvitationRecipe& r, std::string description) {
  CalendarDocument doc;
  doc.method = r.cancelled ? ItipMethod::cancel : ItipMethod::request;
  doc.time_zone = r.facts.time_zone;
  doc.events.push_back(event_of(r, std::move(description)));
  return doc;
}

Mailbox sender_of(const InvitationRecipe& r) { return {r.organizer.email, r.organizer.name}; }

// Strict reading: our own JSON, but from a database a person can edit.
const json& member(const json& object, std::string_view name) {
  const auto it = object.find(name);
  if (it == object.end()) throw MessageError("the invitation recipe lacks '" + std::string(name) + "'");
  return *it;
}

std::string text_of(const json& object, std::string_view name) {
  const auto& value = member(object, name);
  if (!value.is_string()) throw MessageError("the invitation recipe's '" + std::string(name) + "' is not a string");
  return value.get<std::string>();
}

bool flag_of(const json& object, std::string_view name) {
  const auto& value = member(object, name);
  if (!value.is_boolean()) throw MessageError("the invitation recipe's '" + std::string(name) + "' is not true or false");
  return value.get<bool>();
}

std::int64_t integer_of(const json& object, std::string_view name) {
  const auto& value = member(object, name);
  if (!value.is_number_integer()) throw MessageError("the invitation recipe's '" + std::string(name) + "' is not an integer");
  return value.get<std::int64_t>();
}

Instant instant_of(const json& object, std::string_view name) { return instant_from_unix_ms(integer_of(object, name)); }

const json& object_of(const json& object, std::string_view name) {
  const auto& value = member(object, name);
  if (!value.is_object()) throw MessageError("the invitation recipe's '" + std::string(name) + "' is not an object");
  return value;
}

const json& array_of(const json& object, std::string_view name) {
  const auto& value = member(object, name);
  if (!value.is_array()) throw MessageError("the invitation recipe's '" + std::string(name) + "' is not a list");
  return value;
}

AttendeeRole role_of(const std::string& name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i)
    if (kRoleNames[i] == name) return static_cast<AttendeeRole>(i);
  throw MessageError("the invitation recipe names an unknown attendee role");
}

json facts_json(const InvitationFacts& f) {
  return {{"language", f.language},
          {"recipient_role", f.recipient_role},
          {"kind", f.kind},
          {"conversation_type", f.conversation_type},
          {"conversation_key", f.conversation_key},
          {"title", f.title},
          {"organisation", f.organisation},
          {"parents_stay_home", f.parents_stay_home},
          {"lead_is_decaan", f.lead_is_decaan},
          {"career_phase", f.career_phase},
          {"interpreter", f.interpreter},
          {"student_name", f.student_name},
          {"mentor_name", f.mentor_name},
          {"school_name", f.school_name},
          {"location", f.location},
          {"student_first_name", f.student_first_name},
          {"start", unix_ms(f.start)},
          {"end", unix_ms(f.end)},
          {"time_zone", f.time_zone},
          {"link", f.link},
          {"guide", f.guide}};
}

InvitationFacts facts_from(const json& j) {
  InvitationFacts f;
  f.language = text_of(j, "language");
  f.recipient_role = text_of(j, "recipient_role");
  f.kind = text_of(j, "kind");
  f.conversation_type = text_of(j, "conversation_type");
  f.conversation_key = text_of(j, "conversation_key");
  f.title = text_of(j, "title");
  f.organisation = flag_of(j, "organisation");
  f.parents_stay_home = flag_of(j, "parents_stay_home");
  f.lead_is_decaan = flag_of(j, "lead_is_decaan");
  f.career_phase = text_of(j, "career_phase");
  f.interpreter = text_of(j, "interpreter");
  f.student_name = text_of(j, "student_name");
  f.mentor_name = text_of(j, "mentor_name");
  f.school_name = text_of(j, "school_name");
  f.location = text_of(j, "location");
  f.student_first_name = text_of(j, "student_first_name");
  f.start = instant_of(j, "start");
  f.end = instant_of(j, "end");
  f.time_zone = text_of(j, "time_zone");
  f.link = text_of(j, "link");
  for (const auto& prompt : array_of(j, "guide")) {
    if (!prompt.is_string()) throw MessageError("the invitation recipe's 'guide' holds something other than text");
    f.guide.push_back(prompt.get<std::string>());
  }
  return f;
}

}  // namespace

std::string calendar_summary(const InvitationFacts& facts) { return facts.title + " – " + facts.student_name; }

void check_invitation_recipe(const InvitationRecipe& r) {
  check_invitation_facts(r.facts);
  require_utf8("conversation title", r.facts.title);
  require_utf8("student's name", r.facts.student_name);
  require_utf8("mentor's name", r.facts.mentor_name);
  require_utf8("student's first name", r.facts.student_first_name);
  require_utf8("school name", r.facts.school_name);
  check_calendar_document(document_of(r, ""));
  format_mailbox(sender_of(r), "sender address");
  format_mailbox(r.to, "recipient address");
}

std::string build_invitation_message(const Translations& translations, const InvitationRecipe& r) {
  const auto text = render_invitation(translations, r.facts);
  const auto doc = document_of(r, text.text);
  InvitationMail mail;
  mail.from = sender_of(r);
  mail.to = r.to;
  mail.subject = text.subject;
  mail.text = text.text;
  mail.html = text.html;
  mail.calendar = build_icalendar(doc);
  mail.method = doc.method;
  mail.message_id_left = r.message_id_left;
  mail.date = r.stamp;
  return build_invitation_message(mail);
}

json recipe_json(const InvitationRecipe& r) {
  json attendees = json::array();
  for (const auto& a : r.attendees) {
    attendees.push_back({{"email", a.email},
                         {"name", a.name},
                         {"role", kRoleNames.at(static_cast<std::size_t>(a.role))},
                         {"partstat", a.partstat},
                         {"rsvp", a.rsvp}});
  }
  return {{"facts", facts_json(r.facts)},
          {"uid", r.uid},
          {"sequence", r.sequence},
          {"stamp", unix_ms(r.stamp)},
          {"cancelled", r.cancelled},
          {"organizer", {{"email", r.organizer.email}, {"name", r.organizer.name}}},
          {"attendees", std::move(attendees)},
          {"to", {{"email", r.to.address}, {"name", r.to.display_name}}},
          {"message_id_left", r.message_id_left}};
}

InvitationRecipe recipe_from_json(const json& j) {
  if (!j.is_object()) throw MessageError("the invitation recipe is not an object");
  InvitationRecipe r;
  r.facts = facts_from(object_of(j, "facts"));
  r.uid = text_of(j, "uid");
  const auto sequence = integer_of(j, "sequence");
  if (sequence < 0 || sequence > std::numeric_limits<int>::max()) throw MessageError("the invitation recipe's 'sequence' is out of range");
  r.sequence = static_cast<int>(sequence);
  r.stamp = instant_of(j, "stamp");
  r.cancelled = flag_of(j, "cancelled");
  const auto& organizer = object_of(j, "organizer");
  r.organizer = {text_of(organizer, "email"), text_of(organizer, "name")};
  for (const auto& a : array_of(j, "attendees")) {
    if (!a.is_object()) throw MessageError("the invitation recipe's 'attendees' holds something other than objects");
    r.attendees.push_back({text_of(a, "email"), text_of(a, "name"), role_of(text_of(a, "role")), text_of(a, "partstat"),
                           flag_of(a, "rsvp")});
  }
  const auto& to = object_of(j, "to");
  r.to = {text_of(to, "email"), text_of(to, "name")};
  r.message_id_left = text_of(j, "message_id_left");
  return r;
}

}  // namespace lobsync::messaging
