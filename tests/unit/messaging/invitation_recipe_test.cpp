// An invitation kept as its recipe until it is sent: built from its JSON it is byte for byte the
// message the plan used to build and store, every member survives the round trip, a broken
// recipe names what is wrong, and the plan's check refuses exactly what building would.
#include "messaging/invitation_recipe.h"

#include "messaging/imip.h"
#include "support/invitation_recipe_sample.h"
#include "support/test_env.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace lobsync::messaging::invitation_recipe_test {
namespace {

using nlohmann::json;

Translations shipped() { return Translations::load(test::source_dir() / "daemon/messaging/translations"); }

// The message built the way a plan built and stored it before recipes.
std::string built_as_the_plan_did(const Translations& tr, const InvitationRecipe& r) {
  const auto text = render_invitation(tr, r.facts);
  CalendarEvent e;
  e.uid = r.uid;
  e.sequence = r.sequence;
  e.stamp = r.stamp;
  e.start = r.facts.start;
  e.end = r.facts.end;
  e.summary = r.facts.title + " – " + r.facts.student_name;
  e.description = text.text;
  e.location = r.facts.location;
  e.url = r.facts.link;
  e.organizer = r.organizer;
  e.attendees = r.attendees;
  e.cancelled = r.cancelled;
  CalendarDocument doc;
  doc.method = r.cancelled ? ItipMethod::cancel : ItipMethod::request;
  doc.time_zone = r.facts.time_zone;
  doc.events.push_back(e);
  InvitationMail mail;
  mail.from = {r.organizer.email, r.organizer.name};
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

InvitationRecipe through_json(const InvitationRecipe& r) { return recipe_from_json(json::parse(recipe_json(r).dump())); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(InvitationRecipe, BuildsTheMessageThePlanUsedToStoreByteForByte) {
  const auto tr = shipped();
  auto mentor = test::parents_invitation_recipe();
  mentor.facts.recipient_role = "mentor";
  mentor.facts.guide = {"Wat vond je van de stage bij de bakker?"};
  auto cancel = test::parents_invitation_recipe();
  cancel.facts.kind = "cancel";
  cancel.facts.link.clear();
  cancel.cancelled = true;
  auto arabic = test::parents_invitation_recipe();
  arabic.facts.language = "ar";
  arabic.facts.organisation = true;
  for (const auto& recipe : {test::parents_invitation_recipe(), mentor, cancel, arabic}) {
    SCOPED_TRACE(recipe.facts.recipient_role + " " + recipe.facts.kind + " " + recipe.facts.language);
    const auto expected = built_as_the_plan_did(tr, recipe);
    EXPECT_EQ(build_invitation_message(tr, through_json(recipe)), expected);
  }
}

TEST(InvitationRecipe, EveryMemberSurvivesTheRoundTrip) {
  auto r = test::parents_invitation_recipe();
  r.facts.organisation = true;
  r.facts.parents_stay_home = true;
  r.facts.guide = {"een", "twee"};
  r.cancelled = true;
  r.attendees[1].rsvp = true;
  r.attendees[1].partstat = "ACCEPTED";
  r.attendees[1].role = AttendeeRole::non_participant;
  const auto back = through_json(r);
  EXPECT_EQ(recipe_json(back), recipe_json(r));
  EXPECT_EQ(back.stamp, r.stamp) << "milliseconds are kept: DTSTAMP and Date come from it";
  EXPECT_EQ(back.facts.start, r.facts.start);
  EXPECT_EQ(back.attendees[1].role, AttendeeRole::non_participant);
  EXPECT_TRUE(back.facts.parents_stay_home);
  EXPECT_EQ(back.facts.guide, (std::vector<std::string>{"een", "twee"}));
}

TEST(InvitationRecipe, IsAFractionOfTheMessage) {
  const auto r = test::parents_invitation_recipe();
  const auto recipe_bytes = recipe_json(r).dump().size();
  const auto message_bytes = build_invitation_message(shipped(), r).size();
  EXPECT_LT(recipe_bytes * 4, message_bytes) << recipe_bytes << " bytes of recipe, " << message_bytes << " of message";
}

TEST(InvitationRecipe, TheMessageCarriesWhatThePlanDecided) {
  const auto message = build_invitation_message(shipped(), test::parents_invitation_recipe());
  EXPECT_TRUE(contains(message, "Message-ID: <m-42.3.a1b2c3@school.example>")) << message.substr(0, 600);
  EXPECT_TRUE(contains(message, "Date: ")) << message.substr(0, 600);
  EXPECT_TRUE(contains(message, "method=REQUEST"));
  auto cancel = test::parents_invitation_recipe();
  cancel.cancelled = true;
  cancel.facts.kind = "cancel";
  EXPECT_TRUE(contains(build_invitation_message(shipped(), cancel), "method=CANCEL"));
}

TEST(InvitationRecipe, ABrokenRecipeNamesWhatIsWrong) {
  const auto good = recipe_json(test::parents_invitation_recipe());
  const auto refused = [](json j, const std::string& expected) {
    try {
      recipe_from_json(j);
      ADD_FAILURE() << "accepted: " << j.dump();
    } catch (const MessageError& e) {
      EXPECT_TRUE(contains(e.what(), expected)) << e.what();
    }
  };
  auto no_uid = good;
  no_uid.erase("uid");
  refused(no_uid, "'uid'");
  auto text_sequence = good;
  text_sequence["sequence"] = "3";
  refused(text_sequence, "'sequence'");
  auto negative = good;
  negative["sequence"] = -1;
  refused(negative, "'sequence'");
  auto role = good;
  role["attendees"][0]["role"] = "boss";
  refused(role, "attendee role");
  auto guide = good;
  guide["facts"]["guide"] = json::array({1});
  refused(guide, "'guide'");
  auto stamp = good;
  stamp["stamp"] = 1.5;
  refused(stamp, "'stamp'");
  auto before_1970 = good;
  before_1970["facts"]["start"] = -1;
  refused(before_1970, "'start'");
  auto no_facts = good;
  no_facts["facts"] = json::array();
  refused(no_facts, "'facts'");
  refused(json::array(), "not an object");
}

TEST(InvitationRecipe, ThePlansCheckRefusesWhatBuildingWould) {
  const auto tr = shipped();
  std::vector<std::pair<std::string, InvitationRecipe>> broken;
  auto r = test::parents_invitation_recipe();
  r.to.address = "nodot@localhost";
  broken.emplace_back("recipient address", r);
  r = test::parents_invitation_recipe();
  r.attendees[0].email = "a(b)@x.nl";
  broken.emplace_back("attendee address", r);
  r = test::parents_invitation_recipe();
  r.organizer.email = "not an address";
  broken.emplace_back("organizer address", r);
  r = test::parents_invitation_recipe();
  r.to.display_name = "Fam.\r\nBcc: everyone@example.com";
  broken.emplace_back("line break in the recipient's name", r);
  r = test::parents_invitation_recipe();
  r.facts.student_name = "Zo\xeb";
  broken.emplace_back("student's name not UTF-8", r);
  r = test::parents_invitation_recipe();
  r.attendees[1].name = "Fam. \xff";
  broken.emplace_back("attendee name not UTF-8", r);
  r = test::parents_invitation_recipe();
  r.facts.mentor_name.clear();
  broken.emplace_back("no mentor name", r);
  r = test::parents_invitation_recipe();
  r.facts.link = "javascript:alert(1)";
  broken.emplace_back("a link that is no web address", r);
  r = test::parents_invitation_recipe();
  r.facts.end = r.facts.start;
  broken.emplace_back("an end at the start", r);
  r = test::parents_invitation_recipe();
  r.uid = "has space@school.example";
  broken.emplace_back("a UID with a space", r);
  for (const auto& [what, recipe] : broken) {
    SCOPED_TRACE(what);
    EXPECT_THROW(check_invitation_recipe(recipe), MessageError);
    EXPECT_THROW(build_invitation_message(tr, recipe), MessageError) << "the check must not refuse more than building";
  }
  EXPECT_NO_THROW(check_invitation_recipe(test::parents_invitation_recipe()));
}

}  // namespace
}  // namespace lobsync::messaging::invitation_recipe_test
