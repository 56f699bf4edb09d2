// Quiet hours in local wall-clock time, across midnight and on both daylight-saving change days
// (last Sundays of March and October, Europe/Amsterdam).
#include "notices/quiet_hours.h"

#include "notices_fixture.h"

namespace lobsync::notices::test::quiet_hours_test {
namespace {

using date::year_month_day;

Instant utc(int y, unsigned mo, unsigned d, int h, int mi = 0) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      date::sys_days{date::year{y} / date::month{mo} / date::day{d}} + std::chrono::hours{h} + std::chrono::minutes{mi});
}

config::NoticeSettings evening_to_morning() { return {}; }  // the default 21:00-07:30

config::NoticeSettings hours(int from, int to) {
  config::NoticeSettings s;
  s.quiet_from_minute = from;
  s.quiet_to_minute = to;
  return s;
}

const date::time_zone* amsterdam() { return date::locate_zone("Europe/Amsterdam"); }

TEST(QuietHours, AcrossMidnight) {
  const auto s = evening_to_morning();
  const year_month_day monday{date::year{2026}, date::month{11}, date::day{23}};
  const year_month_day tuesday{date::sys_days{monday} + date::days{1}};
  EXPECT_EQ(quiet_until(s, amsterdam(), local(monday, 22)), local(tuesday, 7, 30));
  EXPECT_EQ(quiet_until(s, amsterdam(), local(monday, 21)), local(tuesday, 7, 30)) << "the start is inside";
  EXPECT_EQ(quiet_until(s, amsterdam(), local(tuesday, 0, 10)), local(tuesday, 7, 30));
  EXPECT_EQ(quiet_until(s, amsterdam(), local(tuesday, 7, 29)), local(tuesday, 7, 30));
  EXPECT_FALSE(quiet_until(s, amsterdam(), local(tuesday, 7, 30))) << "the end is outside";
  EXPECT_FALSE(quiet_until(s, amsterdam(), local(monday, 20, 59)));
  EXPECT_FALSE(quiet_until(s, amsterdam(), local(monday, 12)));
  EXPECT_EQ(deliverable_from(s, amsterdam(), local(monday, 12)), local(monday, 12));
  EXPECT_EQ(deliverable_from(s, amsterdam(), local(monday, 23)), local(tuesday, 7, 30));
}

TEST(QuietHours, WithinOneDay) {
  const auto s = hours(12 * 60, 13 * 60);
  const year_month_day day{date::year{2026}, date::month{11}, date::day{23}};
  EXPECT_EQ(quiet_until(s, amsterdam(), local(day, 12, 30)), local(day, 13));
  EXPECT_FALSE(quiet_until(s, amsterdam(), local(day, 13)));
  EXPECT_FALSE(quiet_until(s, amsterdam(), local(day, 22)));
}

TEST(QuietHours, NoneConfigured) {
  auto s = evening_to_morning();
  s.has_quiet_hours = false;
  EXPECT_FALSE(quiet_until(s, amsterdam(), utc(2026, 11, 23, 22)));
}

TEST(QuietHours, SpringForwardNight) {
  const auto s = evening_to_morning();
  // Saturday 28 March 2026 23:00 CET = 22:00 UTC; the night is an hour shorter: 07:30 CEST = 05:30 UTC.
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 3, 28, 22)), utc(2026, 3, 29, 5, 30));
  // 01:30 CET (00:30 UTC), before the jump.
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 3, 29, 0, 30)), utc(2026, 3, 29, 5, 30));
  // 03:30 CEST (01:30 UTC), after it.
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 3, 29, 1, 30)), utc(2026, 3, 29, 5, 30));
  EXPECT_FALSE(quiet_until(s, amsterdam(), utc(2026, 3, 29, 5, 30)));
  // Quiet hours that end inside the gap end when the gap does (03:00 CEST = 01:00 UTC).
  const auto into_gap = hours(21 * 60, 2 * 60 + 30);
  EXPECT_EQ(quiet_until(into_gap, amsterdam(), utc(2026, 3, 28, 22)), utc(2026, 3, 29, 1));
  EXPECT_EQ(quiet_until(into_gap, amsterdam(), utc(2026, 3, 29, 0, 30)), utc(2026, 3, 29, 1));
  EXPECT_FALSE(quiet_until(into_gap, amsterdam(), utc(2026, 3, 29, 1)));
}

TEST(QuietHours, FallBackNight) {
  const auto s = evening_to_morning();
  // Sunday 25 October 2026: 02:30 happens twice (00:30 and 01:30 UTC); both are quiet, and the
  // night ends at 07:30 CET = 06:30 UTC, an hour longer.
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 10, 24, 20)), utc(2026, 10, 25, 6, 30));  // 22:00 CEST
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 10, 25, 0, 30)), utc(2026, 10, 25, 6, 30));
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 10, 25, 1, 30)), utc(2026, 10, 25, 6, 30));
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 10, 25, 6, 29)), utc(2026, 10, 25, 6, 30));
  EXPECT_FALSE(quiet_until(s, amsterdam(), utc(2026, 10, 25, 6, 30)));
  // 20:30 CET that evening (19:30 UTC) is before quiet hours; 21:00 CET (20:00 UTC) inside.
  EXPECT_FALSE(quiet_until(s, amsterdam(), utc(2026, 10, 25, 19, 30)));
  EXPECT_EQ(quiet_until(s, amsterdam(), utc(2026, 10, 25, 20)), utc(2026, 10, 26, 6, 30));
}

}  // namespace
}  // namespace lobsync::notices::test::quiet_hours_test
