// Local wall-clock times in Europe/Amsterdam, including both daylight-saving change nights.
#include "jobs/local_time.h"

#include "unit/jobs/amsterdam_time.h"

#include <gtest/gtest.h>

namespace lobsync::jobs::local_time_test {
namespace {

using namespace std::chrono_literals;
using namespace date::literals;

using namespace test_time;

TEST(ParseTimeOfDay, AcceptsHHMM) {
  auto t = parse_time_of_day("02:30");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->hour, 2);
  EXPECT_EQ(t->minute, 30);
  t = parse_time_of_day("00:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->hour, 0);
  EXPECT_EQ(t->minute, 0);
  t = parse_time_of_day("23:59");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->hour, 23);
  EXPECT_EQ(t->minute, 59);
}

TEST(ParseTimeOfDay, RejectsBadInput) {
  for (const char* bad : {"2:3", "2:30", "02:3", "24:00", "12:60", "ab:cd", "", "02:30 ", " 02:30", "0230", "02-30",
                          "02:30:00", "-1:30", "+2:30", "99:99"}) {
    EXPECT_FALSE(parse_time_of_day(bad)) << '"' << bad << '"';
  }
}

TEST(ResolveLocal, OrdinaryWinterAndSummerDays) {
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 1 / 15), k0230, amsterdam()), utc(2026_y / 1 / 15, 1h + 30min));
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 7 / 1), k0230, amsterdam()), utc(2026_y / 7 / 1, 30min));
}

TEST(ResolveLocal, SpringGapResolvesToEndOfGap) {
  // 2026-03-29 02:00 CET jumps to 03:00 CEST = 01:00 UTC.
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 3 / 29), k0230, amsterdam()), utc(2026_y / 3 / 29, 1h));
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 3 / 29), TimeOfDay{2, 0}, amsterdam()), utc(2026_y / 3 / 29, 1h));
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 3 / 29), TimeOfDay{3, 0}, amsterdam()), utc(2026_y / 3 / 29, 1h));
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 3 / 29), TimeOfDay{1, 59}, amsterdam()),
            utc(2026_y / 3 / 29, 59min));
}

TEST(ResolveLocal, AutumnOverlapResolvesToFirst) {
  // 2026-10-25 03:00 CEST falls back to 02:00 CET; 02:30 CEST = 00:30 UTC comes first.
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 10 / 25), k0230, amsterdam()), utc(2026_y / 10 / 25, 30min));
  EXPECT_EQ(resolve_local(date::local_days(2026_y / 10 / 25), TimeOfDay{3, 0}, amsterdam()),
            utc(2026_y / 10 / 25, 2h));
}

TEST(NextOccurrence, OrdinaryDay) {
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 1 / 15, 12h)), utc(2026_y / 1 / 16, 1h + 30min));
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 1 / 15, 1h)), utc(2026_y / 1 / 15, 1h + 30min));
  // Strictly after: at the slot itself, the next one is a day later.
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 1 / 15, 1h + 30min)), utc(2026_y / 1 / 16, 1h + 30min));
  // Late evening UTC is already the next local day.
  EXPECT_EQ(next_occurrence(TimeOfDay{0, 15}, amsterdam(), utc(2026_y / 1 / 15, 23h)), utc(2026_y / 1 / 15, 23h + 15min));
}

TEST(NextOccurrence, SpringNight) {
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 3 / 28, 12h)), utc(2026_y / 3 / 29, 1h));
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 3 / 29, 1h)), utc(2026_y / 3 / 30, 30min));
  EXPECT_EQ(next_occurrence(TimeOfDay{12, 0}, amsterdam(), utc(2026_y / 3 / 29, 1h)), utc(2026_y / 3 / 29, 10h));
}

TEST(NextOccurrence, AutumnNight) {
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 10 / 24, 12h)), utc(2026_y / 10 / 25, 30min));
  // The second 02:30 (01:30 UTC) is not an occurrence.
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 10 / 25, 30min)), utc(2026_y / 10 / 26, 1h + 30min));
  EXPECT_EQ(next_occurrence(k0230, amsterdam(), utc(2026_y / 10 / 25, 1h)), utc(2026_y / 10 / 26, 1h + 30min));
}

TEST(LatestOccurrence, AtOrBefore) {
  EXPECT_EQ(latest_occurrence(k0230, amsterdam(), utc(2026_y / 1 / 15, 1h + 30min)), utc(2026_y / 1 / 15, 1h + 30min));
  EXPECT_EQ(latest_occurrence(k0230, amsterdam(), utc(2026_y / 1 / 15, 1h + 29min)), utc(2026_y / 1 / 14, 1h + 30min));
  EXPECT_EQ(latest_occurrence(k0230, amsterdam(), utc(2026_y / 3 / 29, 5h)), utc(2026_y / 3 / 29, 1h));
  EXPECT_EQ(latest_occurrence(k0230, amsterdam(), utc(2026_y / 3 / 29, 59min)), utc(2026_y / 3 / 28, 1h + 30min));
  EXPECT_EQ(latest_occurrence(k0230, amsterdam(), utc(2026_y / 10 / 25, 1h + 45min)), utc(2026_y / 10 / 25, 30min));
}

}  // namespace
}  // namespace lobsync::jobs::local_time_test
