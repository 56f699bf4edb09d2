// The "notices" config section: defaults, valid values, and a problem by JSON pointer for each
// kind of bad value.
#include "config/load.h"
#include "config/notices_load.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

namespace lobsync::config::config_test {
namespace {

TEST(NoticesConfig, Defaults) {
  const auto r = parse_text("{}", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_TRUE(r.config->notices.has_quiet_hours);
  EXPECT_EQ(r.config->notices.quiet_from_minute, 21 * 60);
  EXPECT_EQ(r.config->notices.quiet_to_minute, 7 * 60 + 30);
  EXPECT_EQ(r.config->notices.reminder_days, (std::vector<int>{7, 1}));
  EXPECT_EQ(r.config->notices.call_list_days, 7);
}

TEST(NoticesConfig, ValidValues) {
  const auto r = parse_text(R"({"notices":{"quiet_hours":"22:15-06:45","reminder_days":[1,14,3],"call_list_days":10},
                                "jobs":{"remind":{"at":"16:00"}}})", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_EQ(r.config->notices.quiet_from_minute, 22 * 60 + 15);
  EXPECT_EQ(r.config->notices.quiet_to_minute, 6 * 60 + 45);
  EXPECT_EQ(r.config->notices.reminder_days, (std::vector<int>{14, 3, 1}));
  EXPECT_EQ(r.config->notices.call_list_days, 10);
  ASSERT_EQ(r.config->jobs.size(), 1u);
  EXPECT_EQ(r.config->jobs[0].name, "remind");
}

TEST(NoticesConfig, EmptyQuietHoursMeansNone) {
  const auto r = parse_text(R"({"notices":{"quiet_hours":""}})", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_FALSE(r.config->notices.has_quiet_hours);
}

TEST(NoticesConfig, BadValuesAreNamedByPointer) {
  const auto r = parse_text(R"({"notices":{"quiet_hours":"21:00","reminder_days":[7,0,61,7,"1",1.5],
                                "call_list_days":0,"reminders":true}})", "x.json");
  EXPECT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/notices/quiet_hours", "21:00-07:30")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/notices/reminder_days/1", "between 1 and 60")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/notices/reminder_days/2", "between 1 and 60")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/notices/reminder_days/3", "twice")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/notices/reminder_days/4", "whole number")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/notices/reminder_days/5", "whole number")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/notices/call_list_days", "between 1 and 60")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/notices/reminders", "unknown key")) << problems_text(r);
}

TEST(NoticesConfig, WrongTypes) {
  EXPECT_TRUE(has_problem(parse_text(R"({"notices":[]})", "x.json"), "/notices", "must be an object"));
  EXPECT_TRUE(has_problem(parse_text(R"({"notices":{"reminder_days":7}})", "x.json"), "/notices/reminder_days", "list"));
  EXPECT_TRUE(has_problem(parse_text(R"({"notices":{"quiet_hours":2100}})", "x.json"), "/notices/quiet_hours", "HH:MM"));
  EXPECT_TRUE(has_problem(parse_text(R"({"notices":{"call_list_days":"7"}})", "x.json"), "/notices/call_list_days",
                          "whole number"));
}

TEST(NoticesConfig, QuietHoursText) {
  EXPECT_EQ(parse_quiet_hours("21:00-07:30"), (std::pair{21 * 60, 7 * 60 + 30}));
  EXPECT_EQ(parse_quiet_hours("12:00-13:00"), (std::pair{12 * 60, 13 * 60}));
  EXPECT_FALSE(parse_quiet_hours("07:30-07:30")) << "empty or whole-day";
  EXPECT_FALSE(parse_quiet_hours("24:00-07:00"));
  EXPECT_FALSE(parse_quiet_hours("21:00-7:30"));
  EXPECT_FALSE(parse_quiet_hours("21:00 - 07:30"));
  EXPECT_FALSE(parse_quiet_hours("21:00"));
  EXPECT_FALSE(parse_quiet_hours(""));
}

}  // namespace
}  // namespace lobsync::config::config_test
