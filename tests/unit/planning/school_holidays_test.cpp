// The shipped national school holidays per region (domain/school_holidays.h) and what the planner
// and config check make of them.
#include "domain/school_holidays.h"
#include "planning_fixture.h"

#include <map>
#include <set>

namespace lobsync::planning::test::school_holidays_test {
namespace {

using domain::HolidayRegion;

date::sys_days day(int y, unsigned m, unsigned d) { return date::sys_days{ymd(y, m, d)}; }

constexpr HolidayRegion kRegions[] = {HolidayRegion::noord, HolidayRegion::midden, HolidayRegion::zuid};

std::string school_year_of(const domain::DateRange& h) {
  return school_year_for(domain::Policy{}, date::sys_days{h.from}).label;
}

TEST(SchoolHolidays, EveryRegionHasItsFiveVacationsInEveryShippedYearFromSaturdayToSunday) {
  const std::map<std::string, int> length{{"Herfstvakantie", 9}, {"Kerstvakantie", 16}, {"Voorjaarsvakantie", 9},
                                          {"Meivakantie", 9},    {"Zomervakantie", 44}};
  for (const auto region : kRegions) {
    std::map<std::string, std::set<std::string>> by_year;
    for (const auto& h : domain::national_school_holidays(region)) {
      const auto from = date::sys_days{h.from}, to = date::sys_days{h.to};
      EXPECT_EQ(date::weekday{from}, date::Saturday) << h.name << " " << h.from;
      EXPECT_EQ(date::weekday{to}, date::Sunday) << h.name << " " << h.to;
      ASSERT_TRUE(length.contains(h.name)) << h.name;
      EXPECT_EQ((to - from).count() + 1, length.at(h.name)) << h.name << " " << h.from;
      EXPECT_TRUE(by_year[school_year_of(h)].insert(h.name).second) << h.name << " twice in " << school_year_of(h);
    }
    EXPECT_EQ(by_year.size(), 4u);
    EXPECT_EQ(by_year.begin()->first, domain::first_shipped_school_year());
    EXPECT_EQ(by_year.rbegin()->first, domain::last_shipped_school_year());
    for (const auto& [year, names] : by_year) {
      EXPECT_EQ(names.size(), 5u) << year;
      EXPECT_TRUE(domain::national_holidays_known(year)) << year;
    }
  }
  EXPECT_FALSE(domain::national_holidays_known("2024-2025"));
  EXPECT_FALSE(domain::national_holidays_known("2029-2030"));
}

// The summer vacations are staggered a week apart and Christmas and May are the same for all.
TEST(SchoolHolidays, SummersAreAWeekApartAndChristmasAndMayTheSameEverywhere) {
  std::map<std::string, std::set<date::sys_days>> starts;  // "<year> <name>" → first days over the regions
  for (const auto region : kRegions)
    for (const auto& h : domain::national_school_holidays(region))
      starts[school_year_of(h) + " " + h.name].insert(date::sys_days{h.from});
  for (const auto& [key, days] : starts) {
    if (key.ends_with("Zomervakantie")) {
      ASSERT_EQ(days.size(), 3u) << key;
      EXPECT_EQ(*days.rbegin() - *days.begin(), date::days{14}) << key;
    } else if (key.ends_with("Kerstvakantie") || key.ends_with("Meivakantie")) {
      EXPECT_EQ(days.size(), 1u) << key;
    }
  }
}

// Dates typed from the ministry's pages (rijksoverheid.nl, "Overzicht schoolvakanties 2027-2028"
// and "… 2028-2029") and the 2026-2027 year the demo school plans in.
TEST(SchoolHolidays, TheMinistrysDatesForEachRegion) {
  const auto has = [](HolidayRegion r, const std::string& name, date::year_month_day from, date::year_month_day to) {
    for (const auto& h : domain::national_school_holidays(r))
      if (h.name == name && h.from == from && h.to == to) return true;
    return false;
  };
  EXPECT_TRUE(has(HolidayRegion::zuid, "Herfstvakantie", ymd(2027, 10, 23), ymd(2027, 10, 31)));
  EXPECT_TRUE(has(HolidayRegion::noord, "Voorjaarsvakantie", ymd(2028, 2, 19), ymd(2028, 2, 27)));
  EXPECT_TRUE(has(HolidayRegion::midden, "Zomervakantie", ymd(2028, 7, 8), ymd(2028, 8, 20)));
  EXPECT_TRUE(has(HolidayRegion::noord, "Kerstvakantie", ymd(2028, 12, 23), ymd(2029, 1, 7)));
  EXPECT_TRUE(has(HolidayRegion::zuid, "Voorjaarsvakantie", ymd(2029, 2, 10), ymd(2029, 2, 18)));
  EXPECT_TRUE(has(HolidayRegion::noord, "Zomervakantie", ymd(2029, 7, 21), ymd(2029, 9, 2)));
  EXPECT_TRUE(has(HolidayRegion::noord, "Herfstvakantie", ymd(2026, 10, 10), ymd(2026, 10, 18)));
  EXPECT_TRUE(has(HolidayRegion::midden, "Voorjaarsvakantie", ymd(2027, 2, 20), ymd(2027, 2, 28)));
  EXPECT_TRUE(has(HolidayRegion::zuid, "Zomervakantie", ymd(2027, 7, 24), ymd(2027, 9, 5)));
  EXPECT_EQ(domain::holiday_region("midden"), HolidayRegion::midden);
  EXPECT_EQ(domain::holiday_region("Midden"), std::nullopt);
  EXPECT_EQ(domain::holiday_region(""), std::nullopt);
}

TEST(SchoolHolidays, ThePlannerKeepsEachRegionsSpringVacationFree) {
  // Weeks 6..9 of 2027: zuid is off 13–21 February, noord and midden 20–28 February.
  for (const auto region : {HolidayRegion::zuid, HolidayRegion::noord}) {
    auto policy = policy_with(type("individual", false, 6, 9));
    policy.max_per_mentor_per_day = 1;  // spread the class over every free day of the window
    policy.holidays = domain::national_school_holidays(region);
    SchoolBuilder b;
    b.mentor("t1").group("3h1", "t1", 3, "havo");
    for (int i = 0; i < 14; ++i) b.student("s" + std::to_string(i), "3h1");
    const auto r = plan(input_for(b.build(), policy, local(2027, 1, 4, 9)));
    const auto off_from = region == HolidayRegion::zuid ? day(2027, 2, 13) : day(2027, 2, 20);
    std::set<date::sys_days> days;
    for (const auto& m : active_meetings(r)) {
      const auto d = local_day(amsterdam(), m.start);
      EXPECT_FALSE(d >= off_from && d <= off_from + date::days{8}) << m.id << " in the spring vacation";
      days.insert(d);
    }
    // 20 school days in the window, 5 of them in the vacation: 15 free, 14 conversations.
    EXPECT_EQ(days.size(), 14u);
    EXPECT_TRUE(r.unplaced.empty());
  }
}

TEST(SchoolHolidays, ConfigCheckWarnsBeforeTheShippedYearsRunOut) {
  auto policy = policy_with(type("individual", false, 49, 50));
  policy.has_school_year = false;  // 1 August .. 31 July around the day asked about
  policy.holiday_region = "noord";
  policy.holidays = domain::national_school_holidays(HolidayRegion::noord);
  EXPECT_TRUE(holidays_missing_warnings(policy, day(2027, 1, 15)).empty());
  EXPECT_TRUE(holidays_missing_warnings(policy, day(2029, 3, 1)).empty());  // 2029-2030 is five months off

  // In the last 13 weeks of 2028-2029 the next year is checked too.
  const auto soon = holidays_missing_warnings(policy, day(2029, 5, 15));
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_NE(soon[0].find("region noord"), std::string::npos) << soon[0];
  EXPECT_NE(soon[0].find("2029-2030"), std::string::npos) << soon[0];
  EXPECT_NE(soon[0].find("newer lobsync"), std::string::npos) << soon[0];

  // The summer of 2029 reaches into 2029-2030 but belongs to the year before.
  EXPECT_EQ(holidays_missing_warnings(policy, day(2029, 8, 20)).size(), 1u);

  // Typed holidays for that year silence it.
  policy.holidays.push_back({"Herfstvakantie", ymd(2029, 10, 20), ymd(2029, 10, 28)});
  EXPECT_TRUE(holidays_missing_warnings(policy, day(2029, 8, 20)).empty());

  // Without a region the warning says how to get the national dates.
  policy.holiday_region.clear();
  policy.holidays.clear();
  const auto none = holidays_missing_warnings(policy, day(2027, 1, 15));
  ASSERT_EQ(none.size(), 1u);
  EXPECT_NE(none[0].find("set school.region"), std::string::npos) << none[0];
}

}  // namespace
}  // namespace lobsync::planning::test::school_holidays_test
