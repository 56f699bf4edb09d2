#include "planning/invitations.h"

#include "domain/career_phase.h"
#include "domain/leads.h"
#include "messaging/address.h"
#include "messaging/calendar_event_json.h"
#include "messaging/icalendar.h"
#include "messaging/invitation_recipe.h"
#include "messaging/invitation_text.h"
#include "messaging/translations.h"
#include "links/token.h"
#include "core/log.h"
#include "messaging/message_error.h"
#include "planning/conversation_title.h"

#include <lobsync/household.hpp>

#include <algorithm>

namespace lobsync::planning {
namespace {

using nlohmann::json;

std::string domain_of(const std::string& email) {
  const auto at = email.rfind('@');
  return at == std::string::npos ? "lobsync.invalid" : email.substr(at + 1);
}

const domain::Participant* find_role(const domain::Meeting& m, std::string_view role) {
  for (const auto& p : m.participants)
    if (p.role == role) return &p;
  return nullptr;
}

std::string kind_of(Change change) {
  if (change == Change::cancelled) return "cancel";
  if (change == Change::created) return "new";
  return "update";
}

messaging::CalendarPerson organizer_of(const InvitationContext& ctx) {
  const auto& policy = ctx.config->planning;
  return {policy.organizer.email, policy.organizer.name.empty() ? ctx.config->school_name : policy.organizer.name};
}

messaging::CalendarEvent event_for(const domain::Meeting& m, const InvitationContext& ctx, const std::string& summary,
                                   const std::string& description) {
  const auto& policy = ctx.config->planning;
  messaging::CalendarEvent e;
  e.uid = meeting_uid(m, policy);
  e.sequence = m.sequence;
  e.stamp = ctx.now;
  e.start = m.start;
  e.end = m.end;
  e.summary = summary;
  e.description = description;
  e.location = m.location;
  e.organizer = organizer_of(ctx);
  e.cancelled = !m.active();
  return e;
}

messaging::CalendarAttendee attendee(const domain::Participant& p) {
  messaging::CalendarAttendee a;
  a.email = p.email;
  a.name = p.name;
  a.role = p.role == "mentor" ? messaging::AttendeeRole::chair : messaging::AttendeeRole::required;
  // Replies are not read: people confirm or move through the link, so no RSVP is asked.
  a.rsvp = false;
  return a;
}

messaging::InvitationFacts facts_for(const domain::Meeting& m, const domain::Participant& to, Change change,
                                     const InvitationContext& ctx, const messaging::Translations& tr) {
  const auto& policy = ctx.config->planning;
  messaging::InvitationFacts f;
  f.language = tr.resolve(to.language);
  f.recipient_role = to.role;
  f.kind = kind_of(change);
  f.conversation_type = m.type;
  f.conversation_key = conversation_key(tr, policy, m);
  f.title = conversation_title(tr, f.language, policy, m);
  if (const auto* type = policy.type(m.type); type != nullptr && to.role == "mentor") f.guide = type->guide;
  if (const auto* type = policy.type(m.type); type != nullptr && type->with_parents)
    f.parents_stay_home = std::none_of(m.participants.begin(), m.participants.end(),
                                       [](const auto& p) { return p.role == "parent"; });
  const auto* student = find_role(m, "student");
  const auto* mentor = find_role(m, "mentor");
  f.student_name = student ? student->name : "";
  if (ctx.school != nullptr) f.student_first_name = domain::student_first_name(*ctx.school, m);
  f.mentor_name = mentor ? mentor->name : "";
  if (ctx.school != nullptr) f.lead_is_decaan = domain::led_by_decaan(*ctx.school, policy, m);
  if (ctx.school != nullptr) f.career_phase = domain::career_phase_of(*ctx.school, policy, m);
  if (to.role == "parent" && ctx.school != nullptr) {
    const auto g = ctx.school->guardians.find(to.key);
    f.organisation = g != ctx.school->guardians.end() && g->second.is_organisation;
  }
  f.school_name = ctx.config->school_name;
  f.location = m.location;
  f.interpreter = m.interpreter;
  f.start = m.start;
  f.end = m.end;
  f.time_zone = ctx.config->timezone;
  return f;
}

// One recipient's message could not be built: report it by record key (never name or address)
// and go on with the others.
void report_skipped(const InvitationContext& ctx, const domain::Meeting& m, const domain::Participant& p,
                    const std::string& what, const std::exception& e) {
  log::warn("meeting {}: no {} for {} {}: {}", m.id, what, p.role, p.key, e.what());
  if (ctx.problems) ctx.problems->push_back({p.key, p.role, what + " for meeting " + m.id, e.what()});
}

}  // namespace

std::string booking_link(const domain::Meeting& m, const domain::Participant& parent, const InvitationContext& ctx) {
  if (ctx.public_url.empty() || !ctx.link_key) return "";
  const auto token = links::sign(*ctx.link_key, links::kBooking, links::booking_subject(m.id, parent.key),
                                 m.end + kBookingLinkGrace);
  return ctx.public_url + "/p/" + token;
}

messaging::CalendarEvent mentor_copy(const domain::Meeting& m, Change change, const InvitationContext& ctx) {
  const auto& tr = ctx.translations ? *ctx.translations : messaging::shipped_translations();
  const auto* mentor = find_role(m, "mentor");
  domain::Participant nobody{"mentor", m.mentor, "", "", ""};
  const auto facts = facts_for(m, mentor ? *mentor : nobody, change, ctx, tr);
  const auto text = messaging::render_invitation(tr, facts);
  auto event = event_for(m, ctx, messaging::calendar_summary(facts), text.text);
  // An address that cannot be written (stored before the sync checked it) leaves its owner out
  // of the copy, not the whole copy out of the calendar.
  for (const auto& p : m.participants)
    if (messaging::plausible_address(p.email)) event.attendees.push_back(attendee(p));
  return event;
}

std::string meeting_uid(const domain::Meeting& meeting, const domain::Policy& policy) {
  return meeting.id + "@" + domain_of(policy.organizer.email);
}

std::string invitation_key(const domain::Meeting& meeting, const domain::Participant& recipient) {
  return "invite:" + meeting.id + ":" + std::to_string(meeting.sequence) + ":" + sdk::fnv1a_hex(recipient.key);
}

std::string invitation_order_group(const domain::Meeting& meeting, const domain::Participant& recipient) {
  return "invite:" + meeting.id + ":" + sdk::fnv1a_hex(recipient.key);
}

std::vector<store::OutboxEntry> invitation_effects(const domain::Meeting& m, Change change, const InvitationContext& ctx) {
  std::vector<store::OutboxEntry> out;
  if (change == Change::kept) return out;
  const auto& policy = ctx.config->planning;
  const auto& tr = ctx.translations ? *ctx.translations : messaging::shipped_translations();
  const auto version = m.id + ":" + std::to_string(m.sequence);
  const auto* mentor = find_role(m, "mentor");
  const bool mentor_has_calendar = !policy.calendars.empty();

  if (!policy.mailer.empty()) {
    for (const auto& p : m.participants) {
      if (p.email.empty()) continue;  // nobody to mail: the mentor's call list shows them
      if (p.role == "mentor" && mentor_has_calendar) continue;  // the calendar copy is theirs
      try {
        auto facts = facts_for(m, p, change, ctx, tr);
        if (p.role == "parent" && m.active()) facts.link = booking_link(m, p, ctx);
        // Kept as its recipe and built when sent (messaging/invitation_recipe.h): a plan writes
        // about 1 KB per recipient instead of the finished 10 KB, and checks now what would
        // make the message unbuildable, so a bad recipient is reported here, not dead later.
        messaging::InvitationRecipe recipe;
        recipe.facts = std::move(facts);
        recipe.uid = meeting_uid(m, policy);
        recipe.sequence = m.sequence;
        recipe.stamp = ctx.now;
        recipe.cancelled = !m.active();
        recipe.organizer = organizer_of(ctx);
        // One recipient per message: nobody sees another family's address.
        if (mentor && &p != mentor && !mentor->email.empty()) recipe.attendees.push_back(attendee(*mentor));
        recipe.attendees.push_back(attendee(p));
        recipe.to = {p.email, p.name};
        recipe.message_id_left = m.id + "." + std::to_string(m.sequence) + "." + sdk::fnv1a_hex(p.key);
        messaging::check_invitation_recipe(recipe);
        const auto key = invitation_key(m, p);
        // Written as text, not built as a tree first: a large school's plan writes hundreds of
        // thousands of these.
        JsonWriter request;
        request.begin_object().member("idempotency_key", key).member("from", policy.organizer.email);
        request.key("recipients").begin_array().value(p.email).end_array().key("invitation");
        messaging::write_recipe(request, recipe);
        request.end_object();
        out.push_back({key, policy.mailer, "mail.send", json(), request.take(), invitation_order_group(m, p)});
      } catch (const messaging::MessageError& e) {
        report_skipped(ctx, m, p, "invitation", e);
      }
    }
  }

  if (mentor && !mentor->email.empty()) {
    for (const auto& instance : policy.calendars) {
      const auto key = "calendar:" + instance + ":" + version;
      // Every version of the mentor's copy in one order group: an update never overtakes the
      // first write, nor a delete the update.
      auto order_group = "calendar:" + instance + ":" + m.id;
      if (!m.active()) {
        out.push_back({key, instance, "calendar.delete",
                       json{{"calendar", mentor->email}, {"uid", meeting_uid(m, policy)}}, {}, std::move(order_group)});
        continue;
      }
      try {
        auto event = mentor_copy(m, change, ctx);
        event.schedule_agent_client = true;  // the server must not send invitations of its own
        messaging::CalendarDocument doc;
        doc.time_zone = ctx.config->timezone;
        doc.events.push_back(event);
        out.push_back({key, instance, "calendar.put",
                       json{{"calendar", mentor->email},
                            {"uid", event.uid},
                            {"ics", messaging::build_icalendar(doc)},
                            {"event", messaging::calendar_event_json(event, doc.time_zone)}},
                       {},
                       std::move(order_group)});
      } catch (const messaging::MessageError& e) {
        report_skipped(ctx, m, *mentor, "calendar copy in " + instance, e);
      }
    }
  }
  return out;
}

}  // namespace lobsync::planning
