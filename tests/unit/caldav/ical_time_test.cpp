// DATE, DATE-TIME and DURATION values, instants as lobsync writes them, and time zones: the tz
// database, a VTIMEZONE of the object's own, and the school's zone as the fallback.
#include "caldav/ical_time.hpp"
#include "caldav/time_zones.hpp"

#include <gtest/gtest.h>

namespace caldav::ical::ical_time_test {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

Instant at(const char* iso) {
  auto i = parse_instant(iso);
  if (!i) throw std::runtime_error(std::string("bad instant in test: ") + iso);
  return *i;
}

LocalTime local(date::local_days day, hours h, minutes m = minutes(0)) { return LocalTime(day) + h + m; }

Component first_calendar(const std::string& text) {
  auto doc = parse(text);
  if (doc.components.empty()) throw std::runtime_error("no calendar in test text");
  return doc.components.front();
}

const date::time_zone* amsterdam() { return date::locate_zone("Europe/Amsterdam"); }

TEST(IcalTime, ParsesDatesAndDateTimes) {
  EXPECT_EQ(parse_date_time("20261201", true), (DateTime{DateTime::Kind::date, LocalTime(date::local_days(2026_y / 12 / 1))}));
  EXPECT_EQ(parse_date_time("20261201T153000", false),
            (DateTime{DateTime::Kind::local, local(date::local_days(2026_y / 12 / 1), hours(15), minutes(30))}));
  EXPECT_EQ(parse_date_time("20261201T140000Z", false)->kind, DateTime::Kind::utc);
  EXPECT_EQ(parse_date_time("20161231T235960Z", false)->local, local(date::local_days(2016_y / 12 / 31), hours(23), minutes(59)) + std::chrono::seconds(59));
}

TEST(IcalTime, RefusesBadDates) {
  for (const char* bad : {"", "2026120", "202612011", "20261301", "20260230", "2026-12-01", "2026120A"}) {
    EXPECT_FALSE(parse_date_time(bad, true)) << bad;
  }
  for (const char* bad : {"20261201", "20261201T2500000", "20261201T250000", "20261201T126000", "20261201 120000",
                          "20261201T120000z", "20261201T120000+0100", "20261201T12000Z", "20261301T120000"}) {
    EXPECT_FALSE(parse_date_time(bad, false)) << bad;
  }
}

TEST(IcalTime, ValueTypeFollowsTheParameterOrTheLength) {
  Property p{"DTSTART", {{"VALUE", "DATE"}}, "20261201", 1};
  EXPECT_TRUE(parse_date_time(p)->is_date());
  Property q{"DTSTART", {}, "20261201", 1};
  EXPECT_TRUE(parse_date_time(q)->is_date());
  Property r{"DTSTART", {{"VALUE", "DATE"}}, "20261201T090000", 1};
  EXPECT_FALSE(parse_date_time(r));  // says DATE, holds a time
  Property list{"EXDATE", {{"TZID", "Europe/Amsterdam"}}, "20261201T090000,20261208T090000", 1};
  EXPECT_EQ(parse_date_time_list(list)->size(), 2u);
  Property broken_list{"EXDATE", {}, "20261201T090000,", 1};
  EXPECT_FALSE(parse_date_time_list(broken_list));
}

TEST(IcalTime, ParsesDurations) {
  EXPECT_EQ(parse_duration("PT50M"), (Duration{false, date::days(0), minutes(50)}));
  EXPECT_EQ(parse_duration("P1W"), (Duration{false, date::days(7), std::chrono::seconds(0)}));
  EXPECT_EQ(parse_duration("-P1DT2H"), (Duration{true, date::days(1), hours(2)}));
  EXPECT_EQ(parse_duration("+P15DT5H0M20S"), (Duration{false, date::days(15), hours(5) + std::chrono::seconds(20)}));
  for (const char* bad : {"", "P", "PT", "P1DT", "P1H", "PT1D", "1H", "PT1H2H", "PT2M1H", "P-1D", "PT1.5H", "P1Y",
                          "PT99999999999999999999S", "P999999999W"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(IcalTime, FormatsAndParsesInstants) {
  const Instant i = date::sys_days(2026_y / 12 / 7) + hours(8);
  EXPECT_EQ(format_instant(i), "2026-12-07T08:00:00Z");
  EXPECT_EQ(format_ical_utc(i), "20261207T080000Z");
  EXPECT_EQ(parse_instant("2026-12-07T08:00:00Z"), i);
  for (const char* bad : {"2026-12-07", "2026-12-07T08:00:00", "2026-12-07T08:00:00+01:00", "2026-13-07T08:00:00Z",
                          "2026-12-07 08:00:00Z", "2026-12-07T08:00Z"}) {
    EXPECT_FALSE(parse_instant(bad)) << bad;
  }
}

TEST(TimeZones, TheTzDatabaseFollowsDaylightSavingTime) {
  const auto zone = TimeZone::iana(amsterdam());
  // Summer time until the last Sunday of October 2026 (the 25th), winter time after.
  EXPECT_EQ(zone.to_utc(local(date::local_days(2026_y / 10 / 19), hours(9))), at("2026-10-19T07:00:00Z"));
  EXPECT_EQ(zone.to_utc(local(date::local_days(2026_y / 10 / 26), hours(9))), at("2026-10-26T08:00:00Z"));
  // Winter time until the last Sunday of March 2027 (the 28th), summer time after.
  EXPECT_EQ(zone.to_utc(local(date::local_days(2027_y / 3 / 22), hours(9))), at("2027-03-22T08:00:00Z"));
  EXPECT_EQ(zone.to_utc(local(date::local_days(2027_y / 3 / 29), hours(9))), at("2027-03-29T07:00:00Z"));
}

TEST(TimeZones, GapAndOverlapFollowRfc5545) {
  const auto zone = TimeZone::iana(amsterdam());
  // 02:30 on 2027-03-28 does not exist: read with the offset before the gap (+01:00).
  EXPECT_EQ(zone.to_utc(local(date::local_days(2027_y / 3 / 28), hours(2), minutes(30))), at("2027-03-28T01:30:00Z"));
  // 02:30 on 2026-10-25 happens twice: the first one (+02:00).
  EXPECT_EQ(zone.to_utc(local(date::local_days(2026_y / 10 / 25), hours(2), minutes(30))), at("2026-10-25T00:30:00Z"));
}

constexpr const char* kOutlookZone =
    "BEGIN:VCALENDAR\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:W. Europe Standard Time\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:16010101T030000\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\n"
    "END:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "DTSTART:16010101T020000\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\n"
    "END:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Custom Fixed\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0530\r\n"
    "TZOFFSETTO:+0530\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Odd Rules\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0300\r\n"
    "TZOFFSETTO:+0300\r\n"
    "RDATE:19800101T000000\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "END:VCALENDAR\r\n";

TEST(TimeZones, AnOutlookVTimezoneIsAppliedWhenTheTzDatabaseDoesNotKnowTheName) {
  const Component calendar = first_calendar(kOutlookZone);
  ZoneResolver zones(calendar, amsterdam());
  std::vector<std::string> problems;
  Property start{"DTSTART", {{"TZID", "W. Europe Standard Time"}}, "", 1};
  const DateTime value{DateTime::Kind::local, {}};
  const TimeZone& zone = zones.zone_of(start, value, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(zone.to_utc(local(date::local_days(2026_y / 10 / 19), hours(9))), at("2026-10-19T07:00:00Z"));
  EXPECT_EQ(zone.to_utc(local(date::local_days(2026_y / 10 / 26), hours(9))), at("2026-10-26T08:00:00Z"));
  EXPECT_EQ(zone.to_utc(local(date::local_days(2027_y / 3 / 22), hours(9))), at("2027-03-22T08:00:00Z"));
  EXPECT_EQ(zone.to_utc(local(date::local_days(2027_y / 3 / 29), hours(9))), at("2027-03-29T07:00:00Z"));
  // The same gap and overlap rules as the tz database.
  EXPECT_EQ(zone.to_utc(local(date::local_days(2027_y / 3 / 28), hours(2), minutes(30))), at("2027-03-28T01:30:00Z"));
  EXPECT_EQ(zone.to_utc(local(date::local_days(2026_y / 10 / 25), hours(2), minutes(30))), at("2026-10-25T00:30:00Z"));
  EXPECT_EQ(zone.to_utc(local(date::local_days(2026_y / 10 / 25), hours(3))), at("2026-10-25T02:00:00Z"));

  Property fixed{"DTSTART", {{"TZID", "Custom Fixed"}}, "", 1};
  EXPECT_EQ(zones.zone_of(fixed, value, problems).to_utc(local(date::local_days(2026_y / 12 / 1), hours(9))),
            at("2026-12-01T03:30:00Z"));
  EXPECT_TRUE(problems.empty());
}

TEST(TimeZones, UnknownOrUnreadableZonesFallBackToTheSchoolZoneWithAProblem) {
  const Component calendar = first_calendar(kOutlookZone);
  ZoneResolver zones(calendar, amsterdam());
  std::vector<std::string> problems;
  const DateTime value{DateTime::Kind::local, {}};
  Property unknown{"DTSTART", {{"TZID", "Mars/Olympus"}}, "", 1};
  EXPECT_EQ(zones.zone_of(unknown, value, problems).to_utc(local(date::local_days(2026_y / 12 / 1), hours(9))),
            at("2026-12-01T08:00:00Z"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "TZID 'Mars/Olympus' is unknown and has no VTIMEZONE; its times are read as Europe/Amsterdam");
  zones.zone_of(unknown, value, problems);
  EXPECT_EQ(problems.size(), 1u) << "each TZID is reported once per object";

  Property odd{"DTSTART", {{"TZID", "Odd Rules"}}, "", 1};
  EXPECT_EQ(zones.zone_of(odd, value, problems).to_utc(local(date::local_days(2026_y / 12 / 1), hours(9))),
            at("2026-12-01T08:00:00Z"));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[1].find("VTIMEZONE rules this reader cannot apply"), std::string::npos);
}

TEST(TimeZones, UtcFloatingAndGloballyUniqueNames) {
  const Component calendar = first_calendar("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  ZoneResolver zones(calendar, amsterdam());
  std::vector<std::string> problems;
  const LocalTime nine = local(date::local_days(2026_y / 12 / 1), hours(9));
  Property bare{"DTSTART", {}, "", 1};
  EXPECT_EQ(zones.zone_of(bare, {DateTime::Kind::utc, {}}, problems).to_utc(nine), at("2026-12-01T09:00:00Z"));
  EXPECT_EQ(zones.zone_of(bare, {DateTime::Kind::local, {}}, problems).to_utc(nine), at("2026-12-01T08:00:00Z"));
  Property global{"DTSTART", {{"TZID", "/Europe/Amsterdam"}}, "", 1};
  EXPECT_EQ(zones.zone_of(global, {DateTime::Kind::local, {}}, problems).to_utc(nine), at("2026-12-01T08:00:00Z"));
  EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace caldav::ical::ical_time_test
