#include "planning_fixture.h"
#include "planning/workload.h"

#include <algorithm>
#include <map>

namespace lobsync::planning::test::workload_test {
namespace {

const Instant kNow = local(2026, 11, 23, 9);  // Monday, ISO week 48

domain::School one_mentor(int students) {
  SchoolBuilder b;
  b.mentor("t1").group("2h1", "t1");
  for (int i = 0; i < students; ++i) b.student("s" + std::to_string(100 + i), "2h1");
  return b.build();
}

std::map<date::sys_days, int> per_day(const PlanResult& r) {
  std::map<date::sys_days, int> out;
  for (const auto& m : active_meetings(r)) ++out[local_day(amsterdam(), m.start)];
  return out;
}

TEST(Workload, SpreadPlacesConversationsOverTheWholeWindowInsteadOfPackingTheFirstDays) {
  auto policy = policy_with(type("individual", false, 49, 51));  // 3 weeks, 15 school days
  const auto school = one_mentor(15);
  const auto spread = plan(input_for(school, policy, kNow));
  ASSERT_TRUE(spread.unplaced.empty());
  const auto days = per_day(spread);
  EXPECT_EQ(days.size(), 15u);  // one a day
  for (const auto& [day, n] : days) EXPECT_EQ(n, 1) << date::format("%F", day);

  policy.placement = domain::Placement::earliest;
  const auto packed = per_day(plan(input_for(school, policy, kNow)));
  EXPECT_EQ(packed.begin()->second, policy.max_per_mentor_per_day);  // the old way: the first day full
}

TEST(Workload, EachWeekGetsItsShareBeforeAnyWeekGetsMore) {
  auto policy = policy_with(type("individual", false, 49, 52));  // 4 weeks
  const auto school = one_mentor(22);
  const auto r = plan(input_for(school, policy, kNow));
  ASSERT_TRUE(r.unplaced.empty());
  const auto load = weekly_load(r, amsterdam());
  ASSERT_EQ(load.at("t1").size(), 4u);
  int least = 1000, most = 0;
  for (const auto& [week, n] : load.at("t1")) {
    least = std::min(least, n);
    most = std::max(most, n);
  }
  EXPECT_LE(most - least, 1) << "weeks between " << least << " and " << most;
}

TEST(Workload, TheWeeklyLimitHoldsAndWhatDoesNotFitIsExplained) {
  auto policy = policy_with(type("individual", false, 49, 49));  // one week
  policy.max_per_mentor_per_week = 7;
  const auto school = one_mentor(10);
  const auto r = plan(input_for(school, policy, kNow));
  EXPECT_EQ(active_meetings(r).size(), 7u);
  ASSERT_EQ(r.unplaced.size(), 3u);
  for (const auto& u : r.unplaced) EXPECT_NE(u.reason.find("7 a week"), std::string::npos) << u.reason;
  EXPECT_EQ(weekly_load(r, amsterdam()).at("t1").at("2026-W49"), 7);
}

TEST(Workload, PreferredWeekdaysAreFilledFirst) {
  auto policy = policy_with(type("individual", false, 49, 49));
  policy.preferred_weekdays = {date::Tuesday, date::Thursday};
  const auto school = one_mentor(4);
  const auto r = plan(input_for(school, policy, kNow));
  ASSERT_EQ(active_meetings(r).size(), 4u);
  for (const auto& m : active_meetings(r)) {
    const date::weekday wd{local_day(amsterdam(), m.start)};
    EXPECT_TRUE(wd == date::Tuesday || wd == date::Thursday) << local_text(m.start);
  }
}

}  // namespace
}  // namespace lobsync::planning::test::workload_test
