// Busy time from calendar objects as CalDAV servers return them: single and recurring events,
// exceptions, all-day events, free time, the daylight-saving weeks, and broken objects.
#include "caldav/busy_times.hpp"

#include <gtest/gtest.h>

namespace caldav::ical::busy_times_test {
namespace {

const date::time_zone* amsterdam() { return date::locate_zone("Europe/Amsterdam"); }

Instant at(const char* iso) {
  auto i = parse_instant(iso);
  if (!i) throw std::runtime_error(std::string("bad instant in test: ") + iso);
  return *i;
}

std::string calendar(const std::string& body) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body + "END:VCALENDAR\r\n";
}

std::string event(const std::string& uid, const std::string& lines) {
  return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261122T100000Z\r\n" + lines + "END:VEVENT\r\n";
}

// "start/end uid" per interval, for readable comparisons.
std::vector<std::string> shown(const BusyTimes& b) {
  std::vector<std::string> out;
  for (const auto& i : b.busy) out.push_back(format_instant(i.start) + "/" + format_instant(i.end) + " " + i.uid);
  return out;
}

std::string dump(const BusyTimes& b) {
  std::string out;
  for (const auto& s : shown(b)) out += s + "\n";
  for (const auto& p : b.problems) out += "problem: " + p + "\n";
  return out;
}

bool mentions(const BusyTimes& b, const std::string& text) {
  for (const auto& p : b.problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

// The week of Monday 2026-12-07.
BusyTimes week(const std::string& ics) {
  return busy_times(ics, at("2026-12-07T00:00:00Z"), at("2026-12-12T00:00:00Z"), amsterdam());
}

TEST(BusyTimes, SingleEventsInUtcZoneFloatingAndWithDuration) {
  const auto b = week(calendar(event("utc", "DTSTART:20261207T100000Z\r\nDTEND:20261207T103000Z\r\n") +
                               event("zoned", "DTSTART;TZID=Europe/Amsterdam:20261208T150000\r\n"
                                              "DTEND;TZID=Europe/Amsterdam:20261208T153000\r\n") +
                               event("floating", "DTSTART:20261209T090000\r\nDTEND:20261209T100000\r\n") +
                               event("duration", "DTSTART;TZID=Europe/Amsterdam:20261210T130000\r\nDURATION:PT50M\r\n") +
                               event("before", "DTSTART:20261130T100000Z\r\nDTEND:20261130T110000Z\r\n") +
                               event("moment", "DTSTART:20261209T120000Z\r\n")));
  EXPECT_TRUE(b.problems.empty()) << dump(b);
  EXPECT_EQ(shown(b), (std::vector<std::string>{
                          "2026-12-07T10:00:00Z/2026-12-07T10:30:00Z utc",
                          "2026-12-08T14:00:00Z/2026-12-08T14:30:00Z zoned",
                          "2026-12-09T08:00:00Z/2026-12-09T09:00:00Z floating",  // the school's zone
                          "2026-12-10T12:00:00Z/2026-12-10T12:50:00Z duration",
                      }));
}

TEST(BusyTimes, IntervalsAreClippedToTheWindow) {
  const auto b = week(calendar(event("night", "DTSTART:20261206T220000Z\r\nDTEND:20261207T020000Z\r\n") +
                               event("late", "DTSTART:20261211T230000Z\r\nDTEND:20261212T010000Z\r\n")));
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T00:00:00Z/2026-12-07T02:00:00Z night",
                                                "2026-12-11T23:00:00Z/2026-12-12T00:00:00Z late"}));
}

// A teacher's lessons: every Monday and Wednesday 09:00-09:50 since the school year began.
const std::string kLessons =
    "DTSTART;TZID=Europe/Amsterdam:20260831T090000\r\n"
    "DTEND;TZID=Europe/Amsterdam:20260831T095000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n";

TEST(BusyTimes, AWeeklyLessonSeriesWithAnExdate) {
  const auto b = week(calendar(event("les-2h1", kLessons + "EXDATE;TZID=Europe/Amsterdam:20261209T090000\r\n")));
  EXPECT_TRUE(b.problems.empty()) << dump(b);
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T08:00:00Z/2026-12-07T08:50:00Z les-2h1"}));

  const auto without = week(calendar(event("les-2h1", kLessons)));
  EXPECT_EQ(shown(without), (std::vector<std::string>{"2026-12-07T08:00:00Z/2026-12-07T08:50:00Z les-2h1",
                                                      "2026-12-09T08:00:00Z/2026-12-09T08:50:00Z les-2h1"}));
}

TEST(BusyTimes, OverriddenInstancesReplaceTheirOriginal) {
  const auto b = week(calendar(
      event("les", kLessons) +
      // Monday's lesson moved to 11:00, Wednesday's cancelled.
      event("les", "RECURRENCE-ID;TZID=Europe/Amsterdam:20261207T090000\r\n"
                   "DTSTART;TZID=Europe/Amsterdam:20261207T110000\r\nDTEND;TZID=Europe/Amsterdam:20261207T115000\r\n") +
      event("les", "RECURRENCE-ID;TZID=Europe/Amsterdam:20261209T090000\r\nSTATUS:CANCELLED\r\n"
                   "DTSTART;TZID=Europe/Amsterdam:20261209T090000\r\nDTEND;TZID=Europe/Amsterdam:20261209T095000\r\n")));
  EXPECT_TRUE(b.problems.empty()) << dump(b);
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T10:00:00Z/2026-12-07T10:50:00Z les"}));
}

TEST(BusyTimes, AnOverrideGivenInUtcMatchesAZonedInstance) {
  const auto b = week(calendar(event("les", kLessons) + event("les", "RECURRENCE-ID:20261209T080000Z\r\n"
                                                                    "DTSTART:20261209T130000Z\r\nDTEND:20261209T135000Z\r\n")));
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T08:00:00Z/2026-12-07T08:50:00Z les",
                                                "2026-12-09T13:00:00Z/2026-12-09T13:50:00Z les"}));
}

TEST(BusyTimes, AllDayEventsFillTheLocalDay) {
  const auto b = week(calendar(event("studiedag", "DTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261209\r\n") +
                               event("no-end", "DTSTART;VALUE=DATE:20261210\r\n") +
                               event("vrij", "DTSTART;VALUE=DATE:20261211\r\nTRANSP:TRANSPARENT\r\n")));
  EXPECT_TRUE(b.problems.empty()) << dump(b);
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T23:00:00Z/2026-12-08T23:00:00Z studiedag",
                                                "2026-12-09T23:00:00Z/2026-12-10T23:00:00Z no-end"}));
}

TEST(BusyTimes, TransparentAndCancelledEventsAreFree) {
  const auto b = week(calendar(
      event("transparent", "DTSTART:20261207T100000Z\r\nDTEND:20261207T110000Z\r\nTRANSP:TRANSPARENT\r\n") +
      event("cancelled", "DTSTART:20261208T100000Z\r\nDTEND:20261208T110000Z\r\nSTATUS:CANCELLED\r\n") +
      event("cancelled-series", kLessons + "STATUS:cancelled\r\n") +
      event("opaque", "DTSTART:20261209T100000Z\r\nDTEND:20261209T110000Z\r\nTRANSP:OPAQUE\r\nSTATUS:TENTATIVE\r\n")));
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-09T10:00:00Z/2026-12-09T11:00:00Z opaque"}));
}

TEST(BusyTimes, LessonsKeepTheirLocalTimeAcrossTheOctoberChange) {
  // Summer time ends on Sunday 2026-10-25: a 09:00 lesson is 07:00Z before and 08:00Z after.
  const auto b = busy_times(calendar(event("les", kLessons)), at("2026-10-19T00:00:00Z"), at("2026-11-01T00:00:00Z"),
                            amsterdam());
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-10-19T07:00:00Z/2026-10-19T07:50:00Z les",
                                                "2026-10-21T07:00:00Z/2026-10-21T07:50:00Z les",
                                                "2026-10-26T08:00:00Z/2026-10-26T08:50:00Z les",
                                                "2026-10-28T08:00:00Z/2026-10-28T08:50:00Z les"}));
}

TEST(BusyTimes, LessonsKeepTheirLocalTimeAcrossTheMarchChange) {
  // Summer time begins on Sunday 2027-03-28: a 09:00 lesson is 08:00Z before and 07:00Z after.
  const auto b = busy_times(calendar(event("les", kLessons)), at("2027-03-22T00:00:00Z"), at("2027-04-04T00:00:00Z"),
                            amsterdam());
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2027-03-22T08:00:00Z/2027-03-22T08:50:00Z les",
                                                "2027-03-24T08:00:00Z/2027-03-24T08:50:00Z les",
                                                "2027-03-29T07:00:00Z/2027-03-29T07:50:00Z les",
                                                "2027-03-31T07:00:00Z/2027-03-31T07:50:00Z les"}));
}

TEST(BusyTimes, DaysAndAllDayEventsFollowTheWallClockOnDstDays) {
  const auto b = busy_times(
      calendar(event("allday", "DTSTART;VALUE=DATE:20261025\r\n") +
               event("day-long", "DTSTART;TZID=Europe/Amsterdam:20261024T120000\r\nDURATION:P1D\r\n") +
               event("exact", "DTSTART;TZID=Europe/Amsterdam:20261024T120000\r\nDURATION:PT24H\r\n")),
      at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"), amsterdam());
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-10-24T10:00:00Z/2026-10-25T10:00:00Z exact",
                                                "2026-10-24T10:00:00Z/2026-10-25T11:00:00Z day-long",  // 25 hours
                                                "2026-10-24T22:00:00Z/2026-10-25T23:00:00Z allday"}));
}

TEST(BusyTimes, UntilInUtcAndCountWithExdate) {
  const auto until = week(calendar(event("until", "DTSTART;TZID=Europe/Amsterdam:20261130T090000\r\n"
                                                  "DTEND;TZID=Europe/Amsterdam:20261130T100000\r\n"
                                                  "RRULE:FREQ=DAILY;UNTIL=20261208T080000Z\r\n")));
  EXPECT_EQ(shown(until), (std::vector<std::string>{"2026-12-07T08:00:00Z/2026-12-07T09:00:00Z until",
                                                    "2026-12-08T08:00:00Z/2026-12-08T09:00:00Z until"}));
  // COUNT=3 from Monday: Mon, Tue, Wed; Tuesday excluded still counts, so Thursday is not added.
  const auto count = week(calendar(event("count", "DTSTART:20261207T080000Z\r\nDTEND:20261207T090000Z\r\n"
                                                  "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20261208T080000Z\r\n")));
  EXPECT_EQ(shown(count), (std::vector<std::string>{"2026-12-07T08:00:00Z/2026-12-07T09:00:00Z count",
                                                    "2026-12-09T08:00:00Z/2026-12-09T09:00:00Z count"}));
}

TEST(BusyTimes, ARecurringAllDayEventWithADateExdate) {
  const auto b = week(calendar(event("weekly-day", "DTSTART;VALUE=DATE:20261201\r\nRRULE:FREQ=DAILY;INTERVAL=2\r\n"
                                                   "EXDATE;VALUE=DATE:20261209\r\n")));
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T00:00:00Z/2026-12-07T23:00:00Z weekly-day",
                                                "2026-12-10T23:00:00Z/2026-12-11T23:00:00Z weekly-day"}));
}

TEST(BusyTimes, OtherRulesCountTheirFirstInstanceWithAProblem) {
  const auto b = week(calendar(event("monthly", "DTSTART:20261207T100000Z\r\nDTEND:20261207T110000Z\r\n"
                                                "RRULE:FREQ=MONTHLY;BYDAY=1MO\r\n") +
                               event("broken-rule", "DTSTART:20261208T100000Z\r\nDTEND:20261208T110000Z\r\n"
                                                    "RRULE:FREQ=WEEKLY;INTERVAL=0\r\n")));
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T10:00:00Z/2026-12-07T11:00:00Z monthly",
                                                "2026-12-08T10:00:00Z/2026-12-08T11:00:00Z broken-rule"}));
  EXPECT_TRUE(mentions(b, "event 'monthly': RRULE with FREQ=MONTHLY is not expanded; only the first instance counts"))
      << dump(b);
  EXPECT_TRUE(mentions(b, "event 'broken-rule': RRULE INTERVAL must be a number from 1 to 1000; only the first "
                          "instance counts"))
      << dump(b);
}

TEST(BusyTimes, AnUnknownZoneIsReadAsTheSchoolZone) {
  const auto b = week(calendar(event("x", "DTSTART;TZID=Atlantis/Capital:20261207T090000\r\n"
                                          "DTEND;TZID=Atlantis/Capital:20261207T100000\r\n")));
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T08:00:00Z/2026-12-07T09:00:00Z x"}));
  EXPECT_TRUE(mentions(b, "TZID 'Atlantis/Capital' is unknown and has no VTIMEZONE; its times are read as "
                          "Europe/Amsterdam"))
      << dump(b);
}

TEST(BusyTimesBroken, BadEventsAreReportedAndTheOthersStillCount) {
  const auto b = week(calendar(
      event("no-start", "DTEND:20261207T100000Z\r\n") +
      event("bad-start", "DTSTART:20261232T100000Z\r\n") +
      event("bad-end", "DTSTART:20261207T100000Z\r\nDTEND:tomorrow\r\n") +
      event("mixed", "DTSTART;VALUE=DATE:20261207\r\nDTEND:20261207T100000Z\r\n") +
      event("backwards", "DTSTART:20261207T100000Z\r\nDTEND:20261207T090000Z\r\n") +
      event("negative", "DTSTART:20261207T100000Z\r\nDURATION:-PT1H\r\n") +
      event("bad-duration", "DTSTART:20261207T100000Z\r\nDURATION:1 hour\r\n") +
      event("bad-exdate", kLessons + "EXDATE:yesterday\r\n") +
      event("good", "DTSTART:20261210T100000Z\r\nDTEND:20261210T110000Z\r\n") +
      "BEGIN:VEVENT\r\nDTSTART:20261211T100000Z\r\nDTEND:20261211T110000Z\r\nEND:VEVENT\r\n"));
  EXPECT_TRUE(mentions(b, "event 'no-start': no DTSTART; left out")) << dump(b);
  EXPECT_TRUE(mentions(b, "event 'bad-start': DTSTART (line ")) << dump(b);
  EXPECT_TRUE(mentions(b, "event 'bad-end': DTEND (line ")) << dump(b);
  EXPECT_TRUE(mentions(b, "event 'mixed': DTEND (line ")) << dump(b);
  EXPECT_TRUE(mentions(b, "and DTSTART differ in value type")) << dump(b);
  EXPECT_TRUE(mentions(b, "event 'backwards': DTEND is before DTSTART; left out")) << dump(b);
  EXPECT_TRUE(mentions(b, "event 'negative': DURATION (line ")) << dump(b);
  EXPECT_TRUE(mentions(b, "is negative; left out")) << dump(b);
  EXPECT_TRUE(mentions(b, "event 'bad-duration': DURATION (line ")) << dump(b);
  EXPECT_TRUE(mentions(b, "event 'bad-exdate': EXDATE (line ")) << dump(b);
  EXPECT_TRUE(mentions(b, "has no UID; read on its own")) << dump(b);
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T08:00:00Z/2026-12-07T08:50:00Z bad-exdate",
                                                "2026-12-09T08:00:00Z/2026-12-09T08:50:00Z bad-exdate",
                                                "2026-12-10T10:00:00Z/2026-12-10T11:00:00Z good",
                                                "2026-12-11T10:00:00Z/2026-12-11T11:00:00Z "}));
}

TEST(BusyTimesBroken, ATruncatedObjectKeepsItsCompleteEvents) {
  const std::string ics = calendar(event("complete", "DTSTART:20261207T100000Z\r\nDTEND:20261207T110000Z\r\n"));
  const std::string truncated = ics.substr(0, ics.size() - 15) +
                                "BEGIN:VEVENT\r\nUID:cut\r\nDTSTART:20261208T100000Z\r\nDTEND:2026";
  const auto b = week(truncated);
  EXPECT_EQ(shown(b), (std::vector<std::string>{"2026-12-07T10:00:00Z/2026-12-07T11:00:00Z complete"}));
  EXPECT_TRUE(mentions(b, "BEGIN:VEVENT is never ended; left out")) << dump(b);
}

TEST(BusyTimesBroken, NotICalendarAtAll) {
  EXPECT_TRUE(week("").busy.empty());
  const auto html = week("<html><body>Service Unavailable</body></html>");
  EXPECT_TRUE(html.busy.empty());
  EXPECT_FALSE(html.problems.empty());
  const auto stray = week("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261207T100000Z\r\nDTEND:20261207T110000Z\r\nEND:VEVENT\r\n");
  EXPECT_TRUE(stray.busy.empty());
  EXPECT_TRUE(mentions(stray, "VEVENT outside of a VCALENDAR; ignored")) << dump(stray);
}

}  // namespace
}  // namespace caldav::ical::busy_times_test
