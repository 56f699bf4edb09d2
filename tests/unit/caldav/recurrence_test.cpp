// RRULE reading and expansion for daily and weekly rules, and the rules it refuses or leaves
// unexpanded.
#include "caldav/recurrence.hpp"

#include <gtest/gtest.h>

namespace caldav::ical::recurrence_test {
namespace {

using namespace date::literals;
using std::chrono::hours;

RecurrenceRule rule(const std::string& text) {
  auto parsed = parse_rrule(text);
  if (auto* error = std::get_if<std::string>(&parsed)) throw std::runtime_error(text + ": " + *error);
  return std::get<RecurrenceRule>(parsed);
}

std::string error_of(const std::string& text) {
  auto parsed = parse_rrule(text);
  auto* error = std::get_if<std::string>(&parsed);
  return error != nullptr ? *error : "(no error)";
}

LocalTime at9(date::year_month_day day) { return LocalTime(date::local_days(day)) + hours(9); }

// Occurrences (as local days) of a rule starting at `start`, up to `last` (inclusive).
std::vector<date::year_month_day> days_of(const RecurrenceRule& r, LocalTime start, date::year_month_day last,
                                          bool* complete = nullptr, std::size_t max = 20'000,
                                          LocalTime skip_before = {}) {
  std::vector<date::year_month_day> out;
  ExpansionLimits limits;
  limits.stop_after = LocalTime(date::local_days(last)) + hours(23);
  limits.skip_before = skip_before;
  limits.max_occurrences = max;
  auto past_until = [&](LocalTime t) {
    if (!r.until) return false;
    return r.until->is_date() ? date::floor<date::days>(t) > r.until->day() : t > r.until->local;
  };
  const bool done = expand(r, start, limits, past_until,
                           [&](LocalTime t) { out.emplace_back(date::floor<date::days>(t)); });
  if (complete != nullptr) *complete = done;
  return out;
}

TEST(Recurrence, ParsesTheSupportedParts) {
  const auto r = rule("FREQ=WEEKLY;INTERVAL=2;COUNT=10;BYDAY=MO,WE;WKST=SU");
  EXPECT_EQ(r.freq, "WEEKLY");
  EXPECT_EQ(r.interval, 2);
  EXPECT_EQ(r.count, 10);
  EXPECT_EQ(r.by_day, (std::vector<date::weekday>{date::Monday, date::Wednesday}));
  EXPECT_EQ(r.week_start, date::Sunday);
  EXPECT_TRUE(r.expandable());
  EXPECT_TRUE(rule("freq=daily;until=20261231T235959Z").until.has_value());
}

TEST(Recurrence, MarksRulesItCannotExpand) {
  EXPECT_EQ(rule("FREQ=MONTHLY;BYDAY=1MO").unsupported, "FREQ=MONTHLY");
  EXPECT_EQ(rule("FREQ=WEEKLY;BYDAY=1MO").unsupported, "BYDAY with a position (1MO)");
  EXPECT_EQ(rule("FREQ=DAILY;BYMONTH=1,2").unsupported, "BYMONTH");
  EXPECT_EQ(rule("FREQ=WEEKLY;BYSETPOS=-1;BYDAY=MO,TU").unsupported, "BYSETPOS");
  EXPECT_EQ(rule("FREQ=YEARLY").unsupported, "FREQ=YEARLY");
}

TEST(Recurrence, RefusesBrokenRules) {
  EXPECT_EQ(error_of(""), "RRULE has no FREQ");
  EXPECT_EQ(error_of("INTERVAL=2"), "RRULE has no FREQ");
  EXPECT_EQ(error_of("FREQ=FORTNIGHTLY"), "RRULE FREQ is not a frequency");
  EXPECT_EQ(error_of("FREQ=WEEKLY;INTERVAL=0"), "RRULE INTERVAL must be a number from 1 to 1000");
  EXPECT_EQ(error_of("FREQ=WEEKLY;INTERVAL=x"), "RRULE INTERVAL must be a number from 1 to 1000");
  EXPECT_EQ(error_of("FREQ=WEEKLY;COUNT=-3"), "RRULE COUNT must be a positive number");
  EXPECT_EQ(error_of("FREQ=WEEKLY;UNTIL=2026-12-01"), "RRULE UNTIL is not a date or date-time");
  EXPECT_EQ(error_of("FREQ=WEEKLY;BYDAY=MO,XX"), "RRULE BYDAY holds something that is not a weekday");
  EXPECT_EQ(error_of("FREQ=WEEKLY;WKST=ZO"), "RRULE WKST is not a weekday");
  EXPECT_EQ(error_of("FREQ=WEEKLY;BYDAY"), "a part without '=' in RRULE");
  EXPECT_EQ(error_of("FREQ=WEEKLY;COLOUR=RED"), "RRULE has an unknown part COLOUR");
}

TEST(Recurrence, WeeklyWithCountStartsAtDtstart) {
  // Tuesday 2026-12-01, every Tuesday and Thursday, four in all.
  const auto days = days_of(rule("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4"), at9(2026_y / 12 / 1), 2027_y / 1 / 31);
  EXPECT_EQ(days, (std::vector<date::year_month_day>{2026_y / 12 / 1, 2026_y / 12 / 3, 2026_y / 12 / 8, 2026_y / 12 / 10}));
}

TEST(Recurrence, WeeklyIntervalAndUntil) {
  const auto days = days_of(rule("FREQ=WEEKLY;INTERVAL=2;UNTIL=20261229"), at9(2026_y / 12 / 1), 2027_y / 1 / 31);
  EXPECT_EQ(days, (std::vector<date::year_month_day>{2026_y / 12 / 1, 2026_y / 12 / 15, 2026_y / 12 / 29}));
}

TEST(Recurrence, WeekStartDecidesWhichWeeksAnIntervalSkips) {
  // RFC 5545's own example: starting Tuesday 1997-08-05, every other week on TU and SU, four.
  EXPECT_EQ(days_of(rule("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"), at9(1997_y / 8 / 5), 1997_y / 12 / 31),
            (std::vector<date::year_month_day>{1997_y / 8 / 5, 1997_y / 8 / 10, 1997_y / 8 / 19, 1997_y / 8 / 24}));
  EXPECT_EQ(days_of(rule("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"), at9(1997_y / 8 / 5), 1997_y / 12 / 31),
            (std::vector<date::year_month_day>{1997_y / 8 / 5, 1997_y / 8 / 17, 1997_y / 8 / 19, 1997_y / 8 / 31}));
}

TEST(Recurrence, DailyWithByDayKeepsOnlyThoseDays) {
  // From Friday 2026-12-04, school days only.
  const auto days = days_of(rule("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=4"), at9(2026_y / 12 / 4), 2027_y / 1 / 31);
  EXPECT_EQ(days, (std::vector<date::year_month_day>{2026_y / 12 / 4, 2026_y / 12 / 7, 2026_y / 12 / 8, 2026_y / 12 / 9}));
}

TEST(Recurrence, DailyIntervalStopsAtTheWindow) {
  const auto days = days_of(rule("FREQ=DAILY;INTERVAL=3"), at9(2026_y / 12 / 1), 2026_y / 12 / 10);
  EXPECT_EQ(days, (std::vector<date::year_month_day>{2026_y / 12 / 1, 2026_y / 12 / 4, 2026_y / 12 / 7, 2026_y / 12 / 10}));
}

TEST(Recurrence, AnUnsupportedRuleGivesOnlyTheFirstInstance) {
  EXPECT_EQ(days_of(rule("FREQ=MONTHLY;BYMONTHDAY=1"), at9(2026_y / 12 / 1), 2027_y / 12 / 31),
            (std::vector<date::year_month_day>{2026_y / 12 / 1}));
}

TEST(Recurrence, AnOldEndlessSeriesIsSkippedAheadNotWalked) {
  // A weekly lesson since 1990: without skipping, 36 years of weeks; with it, a few.
  const LocalTime window = LocalTime(date::local_days(2026_y / 12 / 7));
  bool complete = false;
  const auto days = days_of(rule("FREQ=WEEKLY"), at9(1990_y / 1 / 1), 2026_y / 12 / 13, &complete, 10, window);
  EXPECT_TRUE(complete);
  ASSERT_GE(days.size(), 2u);
  EXPECT_EQ(days.front(), 1990_y / 1 / 1);  // DTSTART is always offered
  EXPECT_EQ(days.back(), 2026_y / 12 / 7);  // a Monday, like 1990-01-01
}

TEST(Recurrence, ExpansionIsCappedAndSaysSo) {
  bool complete = true;
  const auto days = days_of(rule("FREQ=DAILY;COUNT=100000"), at9(1990_y / 1 / 1), 2026_y / 12 / 13, &complete, 100);
  EXPECT_FALSE(complete);
  EXPECT_LE(days.size(), 101u);
}

}  // namespace
}  // namespace caldav::ical::recurrence_test
