// The mentor's record form as values: from a stored record, from a posted form, into the
// records API's body, and the API's field errors placed next to the form's fields.
#include "selfservice/record_form_fields.h"

#include "messaging/translations.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::selfservice::record_form_fields_test {
namespace {

using nlohmann::json;

TEST(RecordFormFields, AStoredRecordPrefillsTheForm) {
  const auto v = values_from_body({{"phases", {{"look_back", "Stage"}, {"act", 3}}},
                                   {"competences", {"networking", 7}},
                                   {"next_steps", {{{"what", "Open dag"}, {"owner", "student"}, {"due", "2027-03-28"}}, "odd"}},
                                   {"attended", {"student", "mentor"}},
                                   {"home_assignment_discussed", true}});
  EXPECT_EQ(v.phases.at("look_back"), "Stage");
  EXPECT_EQ(v.phases.at("act"), "") << "not a string: left empty";
  EXPECT_EQ(v.competences, (std::set<std::string>{"networking"}));
  ASSERT_EQ(v.steps.size(), kFormStepRows);
  EXPECT_EQ(v.steps[0].what, "Open dag");
  EXPECT_EQ(v.steps[0].due, "2027-03-28");
  EXPECT_TRUE(v.steps[1].empty());
  EXPECT_EQ(v.attended, (std::set<std::string>{"student", "mentor"}));
  EXPECT_TRUE(v.home_assignment_discussed);
  EXPECT_FALSE(values_from_body(nullptr).home_assignment_discussed);
  EXPECT_EQ(values_from_body(nullptr).steps.size(), kFormStepRows);
}

TEST(RecordFormFields, APostedFormBecomesTheApiBody) {
  const std::map<std::string, std::string> form{
      {"look_back", "Stage bij de bakker"}, {"reflect", ""},         {"look_forward", "Zorg"},
      {"competence.work_exploration", "on"}, {"competence.networking", "on"}, {"step0.what", ""},
      {"step0.owner", "student"},            {"step0.due", ""},       {"step1.what", "Open dag"},
      {"step1.owner", "parent"},             {"step1.due", "2027-03-28"}, {"step2.what", "Bellen"},
      {"step2.owner", "mentor"},             {"attended.student", "on"}, {"home_assignment_discussed", "on"}};
  const auto built = body_of(values_from_form(form));
  EXPECT_EQ(built.body, json({{"phases", {{"look_back", "Stage bij de bakker"}, {"reflect", ""}, {"look_forward", "Zorg"}, {"act", ""}}},
                              {"competences", {"work_exploration", "networking"}},
                              {"next_steps",
                               {{{"what", "Open dag"}, {"owner", "parent"}, {"due", "2027-03-28"}},
                                {{"what", "Bellen"}, {"owner", "mentor"}}}},
                              {"attended", {"student"}},
                              {"home_assignment_discussed", true}}));
  EXPECT_EQ(built.step_rows, (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(records::validate_record(built.body).empty());
}

TEST(RecordFormFields, ErrorsLandNextToTheirFields) {
  const auto tr = messaging::Translations::load(test::source_dir() / "daemon/messaging/translations");
  const std::map<std::string, std::string> form{{"step1.what", "Open dag"}, {"step1.owner", "boss"},
                                                {"step1.due", "2027-02-30"}, {"step2.due", "2027-01-01"},
                                                {"competence.dancing", "on"}};
  const auto built = body_of(values_from_form(form));
  const auto errors = form_errors(records::validate_record(built.body), built, tr, "nl");
  EXPECT_EQ(errors.at("phases"), "Vul minstens één fase in.");
  EXPECT_EQ(errors.at("step1.owner"), "Kies wie het doet.");
  EXPECT_EQ(errors.at("step1.due"), "Vul een geldige datum in (JJJJ-MM-DD).");
  EXPECT_TRUE(errors.contains("step2.what")) << "a row with only a date still needs what";
  EXPECT_TRUE(errors.contains("competences"));
  EXPECT_EQ(form_errors(records::validate_record(built.body), built, tr, "en").at("phases"), "Fill in at least one phase.");
}

// Seed 002: in the profile and study choices the mentor points out the AanDeBak-garantie. The
// form asks whether that happened only there; elsewhere the body has no such field.
TEST(RecordFormFields, TheAanDeBakQuestionIsWrittenOnlyWhereItIsAsked) {
  const std::map<std::string, std::string> checked{{"look_back", "Profielkeuze"}, {"aandebak_discussed", "on"}};
  auto asked = values_from_form(checked);
  EXPECT_FALSE(body_of(asked).body.contains("aandebak_discussed")) << "a type without the question ignores a crafted box";
  asked.asks_aandebak = true;
  EXPECT_EQ(body_of(asked).body.at("aandebak_discussed"), true);
  auto unchecked = values_from_form({{"look_back", "Profielkeuze"}});
  unchecked.asks_aandebak = true;
  EXPECT_EQ(body_of(unchecked).body.at("aandebak_discussed"), false) << "asked and not ticked: recorded as not discussed";
  EXPECT_TRUE(records::validate_record(body_of(unchecked).body).empty());

  const auto stored = values_from_body({{"phases", {{"act", "x"}}}, {"aandebak_discussed", false}});
  EXPECT_TRUE(stored.asks_aandebak) << "a stored answer keeps the question on the form";
  EXPECT_FALSE(stored.aandebak_discussed);
  EXPECT_FALSE(values_from_body({{"phases", {{"act", "x"}}}}).asks_aandebak);
  EXPECT_FALSE(values_from_body({{"aandebak_discussed", "ja"}}).asks_aandebak) << "not a boolean: not an answer";
}

TEST(RecordFormFields, ExtraStepRowsAreRead) {
  std::map<std::string, std::string> form{{"look_back", "x"}};
  for (int row = 0; row < 5; ++row) form["step" + std::to_string(row) + ".what"] = "stap " + std::to_string(row);
  for (int row = 0; row < 5; ++row) form["step" + std::to_string(row) + ".owner"] = "student";
  EXPECT_EQ(values_from_form(form).steps.size(), 5u);
  EXPECT_EQ(body_of(values_from_form(form)).body["next_steps"].size(), 5u);
}

}  // namespace
}  // namespace lobsync::selfservice::record_form_fields_test
