// The "assignments" config section: defaults, overrides over them, and every broken value
// named by its JSON pointer.
#include "config/load.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

namespace lobsync::config::assignments_settings_test {
namespace {

TEST(AssignmentSettings, DefaultsGiveTheFourTypesATemplate) {
  const auto r = parse_text("{}", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& a = r.config->assignments;
  EXPECT_EQ(a.days_before, 10);
  EXPECT_EQ(a.reminder_days_before, 2);
  EXPECT_EQ(a.types, (std::map<std::string, std::string>{{"individual", "qualities_together"},
                                                         {"parents", "three_professions_talk"},
                                                         {"profile_choice", "professions_around_you"},
                                                         {"introduction", "qualities_together"}}));
}

TEST(AssignmentSettings, OverridesMergeOverTheDefaultsAndNullRemoves) {
  const auto r = parse_text(R"({"assignments": {"days_before": 14, "reminder_days_before": 3,
    "types": {"closing": "professions_around_you", "introduction": null, "parents": "qualities_together"}}})",
                            "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& a = r.config->assignments;
  EXPECT_EQ(a.days_before, 14);
  EXPECT_EQ(a.reminder_days_before, 3);
  EXPECT_EQ(a.types.at("closing"), "professions_around_you");
  EXPECT_EQ(a.types.at("parents"), "qualities_together");
  EXPECT_EQ(a.types.at("individual"), "qualities_together");
  EXPECT_FALSE(a.types.contains("introduction"));
}

TEST(AssignmentSettings, BrokenValuesAreNamed) {
  const auto r = parse_text(R"({"assignments": {"days_before": "ten", "reminder_days_before": -1, "color": "red",
    "types": {"individual": "homework_of_doom", "parents": 7, "dancing": "qualities_together",
              "closing": "assignment.notice"}}})",
                            "x.json");
  EXPECT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/assignments/days_before", "whole number")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/assignments/reminder_days_before", "between 0 and 59")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/assignments/color", "unknown key")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/assignments/types/individual", "unknown template \"homework_of_doom\"")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/assignments/types/individual", "three_professions_talk")) << "lists the known ones";
  EXPECT_TRUE(has_problem(r, "/assignments/types/parents", "template id or null")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/assignments/types/dancing", "unknown conversation type")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/assignments/types/closing", "unknown template")) << "a dotted id reaches no template";
}

TEST(AssignmentSettings, TheReminderComesBeforeTheAssignment) {
  auto r = parse_text(R"({"assignments": {"days_before": 3, "reminder_days_before": 3}})", "x.json");
  EXPECT_TRUE(has_problem(r, "/assignments/reminder_days_before", "less than days_before (3)")) << problems_text(r);
  r = parse_text(R"({"assignments": {"days_before": 1}})", "x.json");
  EXPECT_TRUE(has_problem(r, "/assignments/reminder_days_before", "less than days_before (1)")) << problems_text(r);
  r = parse_text(R"({"assignments": {"days_before": 1, "reminder_days_before": 0}})", "x.json");
  EXPECT_TRUE(r.config) << problems_text(r);
}

TEST(AssignmentSettings, TheSectionMustBeAnObject) {
  const auto r = parse_text(R"({"assignments": [1]})", "x.json");
  EXPECT_TRUE(has_problem(r, "/assignments", "must be an object")) << problems_text(r);
  const auto types = parse_text(R"({"assignments": {"types": "all"}})", "x.json");
  EXPECT_TRUE(has_problem(types, "/assignments/types", "must be an object")) << problems_text(types);
}

}  // namespace
}  // namespace lobsync::config::assignments_settings_test
