#include "messaging/invitation_recipe.h"

#include "messaging/calendar_event_json.h"
#include "messaging/imip.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace lobsync::messaging {
namespace {

using nlohmann::json;

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

// Years 1970 to 9999: what the calendar and the mail's Date can be written for.
Instant instant_of(const json& object, std::string_view name) {
  const auto ms = integer_of(object, name);
  if (ms < 0 || ms > 253'402'300'799'999) throw MessageError("the invitation recipe's '" + std::string(name) + "' is out of range");
  return instant_from_unix_ms(ms);
}

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
  if (const auto role = attendee_role_from_json_name(name)) return *role;
  throw MessageError("the invitation recipe names an unknown attendee role");
}

std::string optional_text(const json& object, std::string_view name) {
  return object.contains(name) ? text_of(object, name) : std::string();
}

bool optional_flag(const json& object, std::string_view name) { return object.contains(name) && flag_of(object, name); }

// Members that hold their default (empty text, false, no prompts) are left out: a plan writes
// one recipe per recipient.
void write_facts(JsonWriter& w, const InvitationFacts& f) {
  w.begin_object()
      .member("language", f.language)
      .member("recipient_role", f.recipient_role)
      .member("kind", f.kind)
      .member("conversation_type", f.conversation_type)
      .member("student_name", f.student_name)
      .member("mentor_name", f.mentor_name)
      .key("start").value(unix_ms(f.start))
      .key("end").value(unix_ms(f.end))
      .member("time_zone", f.time_zone)
      .member_nonempty("conversation_key", f.conversation_key)
      .member_nonempty("title", f.title)
      .member_if("organisation", f.organisation)
      .member_if("parents_stay_home", f.parents_stay_home)
      .member_if("lead_is_decaan", f.lead_is_decaan)
      .member_nonempty("career_phase", f.career_phase)
      .member_nonempty("interpreter", f.interpreter)
      .member_nonempty("school_name", f.school_name)
      .member_nonempty("location", f.location)
      .member_nonempty("student_first_name", f.student_first_name)
      .member_nonempty("link", f.link);
  if (!f.guide.empty()) {
    w.key("guide").begin_array();
    for (const auto& prompt : f.guide) w.value(prompt);
    w.end_array();
  }
  w.end_object();
}

void write_person(JsonWriter& w, const std::string& email, const std::string& name) {
  w.begin_object().member("email", email).member_nonempty("name", name).end_object();
}

InvitationFacts facts_from(const json& j) {
  InvitationFacts f;
  f.language = text_of(j, "language");
  f.recipient_role = text_of(j, "recipient_role");
  f.kind = text_of(j, "kind");
  f.conversation_type = text_of(j, "conversation_type");
  f.student_name = text_of(j, "student_name");
  f.mentor_name = text_of(j, "mentor_name");
  f.start = instant_of(j, "start");
  f.end = instant_of(j, "end");
  f.time_zone = text_of(j, "time_zone");
  f.conversation_key = optional_text(j, "conversation_key");
  f.title = optional_text(j, "title");
  f.organisation = optional_flag(j, "organisation");
  f.parents_stay_home = optional_flag(j, "parents_stay_home");
  f.lead_is_decaan = optional_flag(j, "lead_is_decaan");
  f.career_phase = optional_text(j, "career_phase");
  f.interpreter = optional_text(j, "interpreter");
  f.school_name = optional_text(j, "school_name");
  f.location = optional_text(j, "location");
  f.student_first_name = optional_text(j, "student_first_name");
  f.link = optional_text(j, "link");
  if (j.contains("guide")) {
    for (const auto& prompt : array_of(j, "guide")) {
      if (!prompt.is_string()) throw MessageError("the invitation recipe's 'guide' holds something other than text");
      f.guide.push_back(prompt.get<std::string>());
    }
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

void write_recipe(JsonWriter& w, const InvitationRecipe& r) {
  w.begin_object().key("facts");
  write_facts(w, r.facts);
  w.member("uid", r.uid).key("sequence").value(r.sequence).key("stamp").value(unix_ms(r.stamp));
  w.key("organizer");
  write_person(w, r.organizer.email, r.organizer.name);
  w.key("attendees").begin_array();
  for (const auto& a : r.attendees) {
    w.begin_object().member("email", a.email).member("role", attendee_role_json_name(a.role)).member_nonempty("name", a.name);
    if (a.partstat != "NEEDS-ACTION") w.member("partstat", a.partstat);
    w.member_if("rsvp", a.rsvp).end_object();
  }
  w.end_array().key("to");
  write_person(w, r.to.address, r.to.display_name);
  w.member("message_id_left", r.message_id_left).member_if("cancelled", r.cancelled).end_object();
}

json recipe_json(const InvitationRecipe& r) {
  JsonWriter w;
  write_recipe(w, r);
  return json::parse(w.take());
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
  r.cancelled = optional_flag(j, "cancelled");
  const auto& organizer = object_of(j, "organizer");
  r.organizer = {text_of(organizer, "email"), optional_text(organizer, "name")};
  for (const auto& a : array_of(j, "attendees")) {
    if (!a.is_object()) throw MessageError("the invitation recipe's 'attendees' holds something other than objects");
    const auto partstat = optional_text(a, "partstat");
    r.attendees.push_back({text_of(a, "email"), optional_text(a, "name"), role_of(text_of(a, "role")),
                           partstat.empty() ? "NEEDS-ACTION" : partstat, optional_flag(a, "rsvp")});
  }
  const auto& to = object_of(j, "to");
  r.to = {text_of(to, "email"), optional_text(to, "name")};
  r.message_id_left = text_of(j, "message_id_left");
  return r;
}

}  // namespace lobsync::messaging
