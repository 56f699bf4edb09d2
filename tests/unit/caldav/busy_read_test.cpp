// busy.read against Radicale: events stored by the mentors' own calendar clients, read back as
// busy intervals per person, with the calendars that cannot be read reported per person.
#include "caldav_fixture.h"

namespace lobsync::caldav_test::caldav_busy_read_test {
namespace {

using BusyReadTest = CalDavTest;

// What Radicale adds itself when a client stores TZID=Europe/Amsterdam; clients send it too.
const std::string kAmsterdam =
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"
    "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

std::string object(const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mentor client//NL\r\n" + kAmsterdam + events + "END:VCALENDAR\r\n";
}

std::string vevent(const std::string& uid, const std::string& lines) {
  return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T100000Z\r\n" + lines + "END:VEVENT\r\n";
}

// Monday and Wednesday 09:00-09:50, Amsterdam time, since the school year began.
const std::string kLessons =
    "DTSTART;TZID=Europe/Amsterdam:20260831T090000\r\nDTEND;TZID=Europe/Amsterdam:20260831T095000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\nSUMMARY:Les 2H1\r\n";

class BusyRead : public BusyReadTest {
 protected:
  void store(const std::string& mentor, const std::string& file, const std::string& ics) {
    ASSERT_EQ(server().put_object(mentor, mentor, calendar_, file, ics), 201) << file << "\n" << server().log();
  }

  // A vector, not a json: a braced list of one object would become that object, not a list.
  Outcome read(const std::string& from, const std::string& to, const std::vector<json>& people) {
    auto plugin = make();
    return call(*plugin, "busy.read", {{"from", from}, {"to", to}, {"people", people}});
  }

  Outcome week(const std::vector<json>& people) { return read("2026-12-07T00:00:00Z", "2026-12-12T00:00:00Z", people); }

  static json person(const std::string& id, const std::string& calendar) { return {{"id", id}, {"calendar", calendar}}; }

  static json busy(const std::string& person, const std::string& start, const std::string& end, const std::string& uid) {
    return {{"person", person}, {"start", start}, {"end", end}, {"uid", uid}};
  }

  static std::vector<json> of(const Outcome& o, const std::string& key) {
    std::vector<json> out;
    for (const auto& d : o.docs) {
      if (d.contains(key)) out.push_back(d);
    }
    return out;
  }
};

TEST_F(BusyRead, AWeekOfSingleEvents) {
  server().make_calendar("mentor-a", calendar_);
  store("mentor-a", "a.ics", object(vevent("overleg", "DTSTART;TZID=Europe/Amsterdam:20261208T150000\r\n"
                                                      "DTEND;TZID=Europe/Amsterdam:20261208T160000\r\nSUMMARY:Overleg\r\n")));
  store("mentor-a", "b.ics", object(vevent("training", "DTSTART:20261210T120000Z\r\nDURATION:PT2H\r\n")));
  store("mentor-a", "c.ics", object(vevent("vorige-week", "DTSTART:20261201T120000Z\r\nDTEND:20261201T130000Z\r\n")));
  const auto out = week({person("staff-1", "mentor-a")});
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(out.docs, (std::vector<json>{busy("staff-1", "2026-12-08T14:00:00Z", "2026-12-08T15:00:00Z", "overleg"),
                                         busy("staff-1", "2026-12-10T12:00:00Z", "2026-12-10T14:00:00Z", "training")}))
      << out.dump();
}

TEST_F(BusyRead, AWeeklyLessonSeriesWithAnExdateAndAMovedLesson) {
  server().make_calendar("mentor-a", calendar_);
  store("mentor-a", "les.ics",
        object(vevent("les-2h1", kLessons + "EXDATE;TZID=Europe/Amsterdam:20261209T090000\r\n") +
               vevent("les-2h1", "RECURRENCE-ID;TZID=Europe/Amsterdam:20261207T090000\r\n"
                                 "DTSTART;TZID=Europe/Amsterdam:20261207T130000\r\n"
                                 "DTEND;TZID=Europe/Amsterdam:20261207T135000\r\nSUMMARY:Les 2H1 (verplaatst)\r\n")));
  const auto out = week({person("staff-1", "mentor-a")});
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(out.docs, (std::vector<json>{busy("staff-1", "2026-12-07T12:00:00Z", "2026-12-07T12:50:00Z", "les-2h1")}))
      << out.dump();
}

TEST_F(BusyRead, AllDayTransparentAndCancelledEvents) {
  server().make_calendar("mentor-a", calendar_);
  store("mentor-a", "studiedag.ics",
        object(vevent("studiedag", "DTSTART;VALUE=DATE:20261209\r\nDTEND;VALUE=DATE:20261210\r\nSUMMARY:Studiedag\r\n")));
  store("mentor-a", "verjaardag.ics",
        object(vevent("verjaardag", "DTSTART;VALUE=DATE:20261210\r\nTRANSP:TRANSPARENT\r\nSUMMARY:Verjaardag\r\n")));
  store("mentor-a", "afgelast.ics",
        object(vevent("afgelast", "DTSTART:20261208T090000Z\r\nDTEND:20261208T100000Z\r\nSTATUS:CANCELLED\r\n")));
  const auto out = week({person("staff-1", "mentor-a")});
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(out.docs, (std::vector<json>{busy("staff-1", "2026-12-08T23:00:00Z", "2026-12-09T23:00:00Z", "studiedag")}))
      << out.dump();
}

TEST_F(BusyRead, LessonsAcrossTheDaylightSavingChanges) {
  server().make_calendar("mentor-a", calendar_);
  store("mentor-a", "les.ics", object(vevent("les", kLessons)));
  // Week of the last Sunday of October 2026: summer time ends on the 25th.
  const auto october = read("2026-10-19T00:00:00Z", "2026-10-31T00:00:00Z", {person("staff-1", "mentor-a")});
  ASSERT_TRUE(october.result.ok()) << october.dump();
  EXPECT_EQ(october.docs, (std::vector<json>{busy("staff-1", "2026-10-19T07:00:00Z", "2026-10-19T07:50:00Z", "les"),
                                             busy("staff-1", "2026-10-21T07:00:00Z", "2026-10-21T07:50:00Z", "les"),
                                             busy("staff-1", "2026-10-26T08:00:00Z", "2026-10-26T08:50:00Z", "les"),
                                             busy("staff-1", "2026-10-28T08:00:00Z", "2026-10-28T08:50:00Z", "les")}))
      << october.dump();
  // Week of the last Sunday of March 2027: summer time begins on the 28th.
  const auto march = read("2027-03-22T00:00:00Z", "2027-04-03T00:00:00Z", {person("staff-1", "mentor-a")});
  ASSERT_TRUE(march.result.ok()) << march.dump();
  EXPECT_EQ(march.docs, (std::vector<json>{busy("staff-1", "2027-03-22T08:00:00Z", "2027-03-22T08:50:00Z", "les"),
                                           busy("staff-1", "2027-03-24T08:00:00Z", "2027-03-24T08:50:00Z", "les"),
                                           busy("staff-1", "2027-03-29T07:00:00Z", "2027-03-29T07:50:00Z", "les"),
                                           busy("staff-1", "2027-03-31T07:00:00Z", "2027-03-31T07:50:00Z", "les")}))
      << march.dump();
}

TEST_F(BusyRead, Utf8NamesFoldedAcrossLinesDoNotDisturbTheTimes) {
  server().make_calendar("mentor-a", calendar_);
  const std::string names = "Gesprek met Zoë Özdemir en haar ouders Anaïs en Joël Çelik-Ångström over de profielkeuze";
  store("mentor-a", "gesprek.ics",
        object(vevent("gesprek", "DTSTART:20261209T140000Z\r\nDTEND:20261209T143000Z\r\n" + fold("SUMMARY:" + names) +
                                     fold("ATTENDEE;CN=\"Çelik-Ångström, Joël\";PARTSTAT=ACCEPTED:mailto:ouder@example.org"))));
  const auto stored = server().list_events("mentor-a", calendar_);
  ASSERT_EQ(stored.size(), 1u);
  const auto out = week({person("staff-1", "mentor-a")});
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(out.docs, (std::vector<json>{busy("staff-1", "2026-12-09T14:00:00Z", "2026-12-09T14:30:00Z", "gesprek")}))
      << out.dump();
}

TEST_F(BusyRead, FloatingTimesAndDatesAreReadInTheSchoolZone) {
  server().make_calendar("mentor-a", calendar_);
  store("mentor-a", "zwevend.ics", object(vevent("zwevend", "DTSTART:20261208T090000\r\nDTEND:20261208T100000\r\n")));
  store("mentor-a", "dag.ics", object(vevent("dag", "DTSTART;VALUE=DATE:20261210\r\n")));
  const auto amsterdam = week({person("staff-1", "mentor-a")});
  EXPECT_EQ(amsterdam.docs, (std::vector<json>{busy("staff-1", "2026-12-08T08:00:00Z", "2026-12-08T09:00:00Z", "zwevend"),
                                               busy("staff-1", "2026-12-09T23:00:00Z", "2026-12-10T23:00:00Z", "dag")}))
      << amsterdam.dump();
  auto s = settings();
  s["school_timezone"] = "Europe/London";
  auto plugin = make(s);
  const auto london = call(*plugin, "busy.read",
                           {{"from", "2026-12-07T00:00:00Z"}, {"to", "2026-12-12T00:00:00Z"},
                            {"people", json::array({person("staff-1", "mentor-a")})}});
  EXPECT_EQ(london.docs, (std::vector<json>{busy("staff-1", "2026-12-08T09:00:00Z", "2026-12-08T10:00:00Z", "zwevend"),
                                            busy("staff-1", "2026-12-10T00:00:00Z", "2026-12-11T00:00:00Z", "dag")}))
      << london.dump();
}

TEST_F(BusyRead, ACalendarThatCannotBeReadIsReportedAndTheOthersAreRead) {
  server().make_calendar("mentor-a", calendar_);
  server().touch_home("mentor-b");  // has a home, but no calendar of this name
  store("mentor-a", "a.ics", object(vevent("overleg", "DTSTART:20261208T150000Z\r\nDTEND:20261208T160000Z\r\n")));
  const auto out = week({person("staff-2", "mentor-b"), person("staff-1", "mentor-a"), person("staff-3", ".."),
                         person("staff-4", "mentor-a")});
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(out.docs, (std::vector<json>{
                          {{"person", "staff-2"}, {"error", "the calendar does not exist (HTTP 404)"}},
                          busy("staff-1", "2026-12-08T15:00:00Z", "2026-12-08T16:00:00Z", "overleg"),
                          {{"person", "staff-3"}, {"error", "no collection for this calendar key"}},
                          busy("staff-4", "2026-12-08T15:00:00Z", "2026-12-08T16:00:00Z", "overleg"),
                      }))
      << out.dump();
}

TEST_F(BusyRead, AForbiddenCalendarIsAnErrorForThatPersonOnly) {
  server().make_calendar("mentor-a", calendar_);
  server().make_calendar("mentor-b", calendar_);
  store("mentor-a", "a.ics", object(vevent("eigen", "DTSTART:20261208T150000Z\r\nDTEND:20261208T160000Z\r\n")));
  auto s = settings();
  s["username"] = "mentor-a";
  ::setenv(kSecretEnv, "wachtwoord-a", 1);
  auto plugin = make(s);
  const auto out = call(*plugin, "busy.read",
                        {{"from", "2026-12-07T00:00:00Z"},
                         {"to", "2026-12-12T00:00:00Z"},
                         {"people", {person("staff-2", "mentor-b"), person("staff-1", "mentor-a")}}});
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(out.docs, (std::vector<json>{
                          {{"person", "staff-2"}, {"error", "forbidden: the account may not read this calendar (HTTP 403)"}},
                          busy("staff-1", "2026-12-08T15:00:00Z", "2026-12-08T16:00:00Z", "eigen"),
                      }))
      << out.dump();
}

TEST_F(BusyRead, WhatCannotBeExpandedComesWithAProblem) {
  server().make_calendar("mentor-a", calendar_);
  store("mentor-a", "maandelijks.ics",
        object(vevent("sectieoverleg", "DTSTART:20261207T150000Z\r\nDTEND:20261207T160000Z\r\n"
                                       "RRULE:FREQ=MONTHLY;BYDAY=1MO\r\n")));
  const auto out = week({person("staff-1", "mentor-a")});
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(of(out, "start"), (std::vector<json>{busy("staff-1", "2026-12-07T15:00:00Z", "2026-12-07T16:00:00Z",
                                                      "sectieoverleg")}));
  ASSERT_EQ(of(out, "problem").size(), 1u) << out.dump();
  EXPECT_EQ(of(out, "problem")[0],
            (json{{"person", "staff-1"},
                  {"problem", "maandelijks.ics: event 'sectieoverleg': RRULE with FREQ=MONTHLY is not expanded; only "
                              "the first instance counts"}}));
}

TEST_F(BusyRead, AWrongPasswordOrAServerThatIsDownFailsTheWholeCall) {
  server().make_calendar("mentor-a", calendar_);
  ::setenv(kSecretEnv, "verkeerd", 1);
  const auto wrong = week({person("staff-1", "mentor-a")});
  EXPECT_EQ(wrong.result.status, lobsync::plugin_host::CallStatus::auth) << wrong.dump();
  EXPECT_TRUE(wrong.docs.empty());

  ::setenv(kSecretEnv, kServicePassword, 1);
  auto s = settings();
  s["collection_url"] = "http://127.0.0.1:1/{calendar}/lob/";
  s["max_attempts"] = 1;
  auto plugin = make(s);
  const auto down = call(*plugin, "busy.read",
                         {{"from", "2026-12-07T00:00:00Z"}, {"to", "2026-12-12T00:00:00Z"},
                          {"people", json::array({person("staff-1", "mentor-a")})}});
  EXPECT_EQ(down.result.status, lobsync::plugin_host::CallStatus::unavailable) << down.dump();
}

TEST_F(BusyRead, BadRequestsNameTheField) {
  auto plugin = make();
  const json people = json::array({person("staff-1", "mentor-a")});
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"to", "2026-12-12T00:00:00Z"}, {"people", people}}, "from: "},
      {{{"from", "2026-12-07"}, {"to", "2026-12-12T00:00:00Z"}, {"people", people}}, "from: "},
      {{{"from", "2026-12-07T00:00:00Z"}, {"to", "2026-12-07T00:00:00Z"}, {"people", people}}, "to: must be after from"},
      {{{"from", "2026-01-01T00:00:00Z"}, {"to", "2027-12-31T00:00:00Z"}, {"people", people}}, "to: the window may be"},
      {{{"from", "2026-12-07T00:00:00Z"}, {"to", "2026-12-12T00:00:00Z"}}, "people: "},
      {{{"from", "2026-12-07T00:00:00Z"}, {"to", "2026-12-12T00:00:00Z"}, {"people", {person("a", "b"), {{"id", "x"}}}}},
       "people/1/calendar: "},
      {{{"from", "2026-12-07T00:00:00Z"}, {"to", "2026-12-12T00:00:00Z"}, {"people", {"staff-1"}}}, "people/0: "},
  };
  for (const auto& [request, field] : cases) {
    const auto out = call(*plugin, "busy.read", request);
    EXPECT_EQ(out.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << request.dump();
    EXPECT_TRUE(out.result.error.starts_with(field)) << request.dump() << " -> " << out.result.error;
  }
}

}  // namespace
}  // namespace lobsync::caldav_test::caldav_busy_read_test
