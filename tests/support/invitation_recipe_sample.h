// One parent's invitation as the outbox keeps it (messaging/invitation_recipe.h), every member
// set to something that shows in the built message; for the recipe's and the dispatcher's tests.
#pragma once

#include "messaging/invitation_recipe.h"

#include <chrono>

namespace lobsync::test {

inline messaging::InvitationRecipe parents_invitation_recipe() {
  using messaging::AttendeeRole;
  messaging::InvitationRecipe r;
  auto& f = r.facts;
  f.language = "nl";
  f.recipient_role = "parent";
  f.kind = "update";
  f.conversation_type = "parents";
  f.conversation_key = "conversation.parents";
  f.title = "Loopbaangesprek met ouders";
  f.lead_is_decaan = true;
  f.career_phase = "kiezen";
  f.interpreter = "ar";
  f.student_name = "Zoë de Vries";
  f.student_first_name = "Zoë";
  f.mentor_name = "Mentor Jansen";
  f.school_name = "Het Voorbeeld College";
  f.location = "Lokaal 2.14";
  f.start = instant_from_unix_ms(1'796'133'600'000);  // 2026-12-01 14:00 UTC, 15:00 in Amsterdam
  f.end = f.start + std::chrono::minutes(30);
  f.time_zone = "Europe/Amsterdam";
  f.link = "https://lob.school.example/p/abc.def";
  r.uid = "m-42@school.example";
  r.sequence = 3;
  r.stamp = instant_from_unix_ms(1'795'000'000'123);
  r.organizer = {"lob@school.example", "Het Voorbeeld College"};
  r.attendees = {{"jansen@school.example", "Mentor Jansen", AttendeeRole::chair, "NEEDS-ACTION", false},
                 {"ouder@home.example", "Fam. de Vries", AttendeeRole::required, "NEEDS-ACTION", false}};
  r.to = {"ouder@home.example", "Fam. de Vries"};
  r.message_id_left = "m-42.3.a1b2c3";
  return r;
}

}  // namespace lobsync::test
