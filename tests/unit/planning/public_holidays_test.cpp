#include "planning_fixture.h"
#include "planning/public_holidays.h"

namespace lobsync::planning::test::public_holidays_test {
namespace {

date::sys_days day(int y, unsigned m, unsigned d) { return date::sys_days{ymd(y, m, d)}; }

TEST(PublicHolidays, EasterSundayFollowsTheGregorianComputus) {
  EXPECT_EQ(easter_sunday(2024), day(2024, 3, 31));
  EXPECT_EQ(easter_sunday(2025), day(2025, 4, 20));
  EXPECT_EQ(easter_sunday(2026), day(2026, 4, 5));
  EXPECT_EQ(easter_sunday(2027), day(2027, 3, 28));
  EXPECT_EQ(easter_sunday(2028), day(2028, 4, 16));
  EXPECT_EQ(easter_sunday(2038), day(2038, 4, 25));  // the latest possible date
  EXPECT_EQ(easter_sunday(2285), day(2285, 3, 22));  // the earliest possible date
}

TEST(PublicHolidays, TheMovableFeastsOfTheSchoolYear2026To2027) {
  EXPECT_EQ(public_holiday(day(2027, 3, 29)), "Tweede Paasdag");
  EXPECT_EQ(public_holiday(day(2027, 5, 6)), "Hemelvaartsdag");
  EXPECT_EQ(public_holiday(day(2027, 5, 17)), "Tweede Pinksterdag");
  EXPECT_EQ(public_holiday(day(2026, 12, 25)), "Eerste Kerstdag");
  EXPECT_EQ(public_holiday(day(2026, 12, 28)), std::nullopt);
  EXPECT_EQ(public_holiday(day(2027, 5, 7)), std::nullopt);  // the Friday after Ascension: the school's choice
}

TEST(PublicHolidays, KingsDayMovesToSaturdayWhenThe27thIsASunday) {
  EXPECT_EQ(public_holiday(day(2025, 4, 26)), "Koningsdag");  // 27 April 2025 was a Sunday
  EXPECT_EQ(public_holiday(day(2025, 4, 27)), std::nullopt);
  EXPECT_EQ(public_holiday(day(2027, 4, 27)), "Koningsdag");
}

TEST(PublicHolidays, LiberationDayIsADayOffOnlyInLustrumYears) {
  EXPECT_EQ(public_holiday(day(2025, 5, 5)), "Bevrijdingsdag");
  EXPECT_EQ(public_holiday(day(2030, 5, 5)), "Bevrijdingsdag");
  EXPECT_EQ(public_holiday(day(2027, 5, 5)), std::nullopt);
}

TEST(PublicHolidays, NoConversationDayOnAPublicHolidayUnlessTheSchoolSwitchesItOff) {
  auto policy = policy_with(type("individual", false, 13, 13));
  EXPECT_FALSE(conversation_day(policy, day(2027, 3, 29)));  // Easter Monday
  EXPECT_TRUE(conversation_day(policy, day(2027, 3, 30)));
  policy.public_holidays = false;
  EXPECT_TRUE(conversation_day(policy, day(2027, 3, 29)));
}

TEST(PublicHolidays, ThePlannerLeavesEasterMondayAndWhitMondayFree) {
  auto policy = policy_with(type("individual", false, 13, 13));  // 29 March .. 4 April 2027
  policy.types.push_back(type("parents", true, 20, 20));           // 17 .. 23 May 2027
  policy.placement = domain::Placement::earliest;  // would take the Monday first if it could
  SchoolBuilder b;
  b.mentor("t1").group("2h1", "t1");
  for (int i = 0; i < 12; ++i) {
    const auto s = "s" + std::to_string(10 + i);
    b.student(s, "2h1").guardian("p" + std::to_string(10 + i), {s}, "h" + std::to_string(i));
  }
  const auto school = b.build();
  const auto r = plan(input_for(school, policy, local(2027, 3, 1, 9)));
  EXPECT_TRUE(r.unplaced.empty());
  int placed = 0;
  for (const auto& m : active_meetings(r)) {
    const auto d = local_day(amsterdam(), m.start);
    EXPECT_NE(d, day(2027, 3, 29)) << m.id;
    EXPECT_NE(d, day(2027, 5, 17)) << m.id;
    ++placed;
  }
  EXPECT_EQ(placed, 24);
}

TEST(PublicHolidays, AWarningWhenTheSchoolYearHasNoHolidaysConfigured) {
  auto policy = policy_with(type("individual", false, 49, 50));
  const auto today = day(2026, 11, 23);
  const auto warnings = holidays_missing_warnings(policy, today);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("2026-2027"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("planning.holidays"), std::string::npos) << warnings[0];
  policy.holidays.push_back({"Kerstvakantie", ymd(2026, 12, 19), ymd(2027, 1, 3)});
  EXPECT_TRUE(holidays_missing_warnings(policy, today).empty());
  policy.holidays = {{"Kerstvakantie", ymd(2025, 12, 20), ymd(2026, 1, 4)}};  // last year's only
  EXPECT_EQ(holidays_missing_warnings(policy, today).size(), 1u);
}

}  // namespace
}  // namespace lobsync::planning::test::public_holidays_test
