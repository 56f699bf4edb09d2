// iCalendar output checked byte by byte (folding, escaping, injection attempts, daylight-saving
// weeks) and read back by an independent parser (Debian's python3-icalendar).
#include "messaging/icalendar.h"

#include "support/process.h"
#include "support/test_env.h"

#include <date/date.h>
#include <gtest/gtest.h>
#include <lobsync/text_encoding.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace lobsync::messaging::icalendar_test {
namespace {

Instant utc(date::sys_days day, int hour, int minute) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(day + std::chrono::hours(hour) + std::chrono::minutes(minute));
}

using date::literals::operator""_y;
using date::literals::operator""_d;
using date::December;
using date::November;
using date::March;
using date::October;

CalendarDocument sample_request() {
  CalendarEvent e;
  e.uid = "6f1c0e7a-2b1d-4c7e-9a55-0d1f3b2c4e5f@planner.school.example";
  e.sequence = 0;
  e.stamp = utc(2026_y / November / 22_d, 10, 0);
  e.start = utc(2026_y / December / 1_d, 14, 0);  // 15:00 in Amsterdam (winter time)
  e.end = utc(2026_y / December / 1_d, 14, 30);
  e.summary = "Oudergesprek 3B";
  e.location = "Lokaal 2.14, hoofdgebouw";
  e.description = "Bevestig of verzet: https://planner.school.example/r/abc";
  e.organizer = {"planner@school.example", "Mentor Planner"};
  CalendarAttendee a;
  a.email = "jan@example.org";
  a.name = "de Vries, Jan";
  a.rsvp = true;
  e.attendees = {a};
  CalendarDocument d;
  d.method = ItipMethod::request;
  d.events = {e};
  return d;
}

// Physical lines without their CRLF; fails the test if any line end is not CRLF.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    if (end == std::string::npos) {
      ADD_FAILURE() << "text does not end in CRLF";
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// Logical lines: continuation lines (starting with a space) joined to the line before.
std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (auto& line : physical_lines(text)) {
    if (!line.empty() && line[0] == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
  }
  return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& wanted) {
  return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

std::size_t count_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
  return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(prefix, 0) == 0; }));
}

TEST(Icalendar, WritesTheVerifiedShape) {
  const auto lines = content_lines(build_icalendar(sample_request()));
  const std::vector<std::string> expected_start{
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//lobsync//lobsync//EN", "CALSCALE:GREGORIAN", "METHOD:REQUEST",
      "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
      "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
      "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
      "BEGIN:VEVENT", "UID:6f1c0e7a-2b1d-4c7e-9a55-0d1f3b2c4e5f@planner.school.example",
      "DTSTAMP:20261122T100000Z", "SEQUENCE:0",
      "DTSTART;TZID=Europe/Amsterdam:20261201T150000", "DTEND;TZID=Europe/Amsterdam:20261201T153000",
      "SUMMARY:Oudergesprek 3B", "LOCATION:Lokaal 2.14\\, hoofdgebouw",
      "DESCRIPTION:Bevestig of verzet: https://planner.school.example/r/abc",
      "STATUS:CONFIRMED", "TRANSP:OPAQUE", "ORGANIZER;CN=Mentor Planner:mailto:planner@school.example",
      "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=\"de Vries, Jan\":mailto:jan@example.org",
      "END:VEVENT", "END:VCALENDAR"};
  EXPECT_EQ(lines, expected_start);
}

TEST(Icalendar, LinesAreCrlfFoldedAt75OctetsAndValidUtf8) {
  auto d = sample_request();
  std::string description;
  for (int i = 0; i < 20; ++i) description += "Zoë's ouders ontmoeten de mentor — 🎓 één gesprek, ";
  d.events[0].description = description;
  d.events[0].summary = std::string(74, 'x') + "é";  // the 2-byte character straddles octet 75
  const std::string text = build_icalendar(d);
  EXPECT_EQ(text.find('\n'), text.find("\r\n") + 1) << "first line break is CRLF";
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), std::count(text.begin(), text.end(), '\r'));
  const auto lines = physical_lines(text);
  bool folded = false;
  for (const auto& line : lines) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(sdk::detail::first_invalid_utf8(line), std::string::npos) << "a UTF-8 sequence was split: " << line;
    if (!line.empty() && line[0] == ' ') folded = true;
  }
  EXPECT_TRUE(folded);
  const auto logical = content_lines(text);
  EXPECT_TRUE(has_line(logical, "SUMMARY:" + std::string(74, 'x') + "é"));
  std::string escaped;
  for (int i = 0; i < 20; ++i) escaped += "Zoë's ouders ontmoeten de mentor — 🎓 één gesprek\\, ";
  EXPECT_TRUE(has_line(logical, "DESCRIPTION:" + escaped));
}

TEST(Icalendar, EscapesTextValues) {
  auto d = sample_request();
  d.events[0].summary = "a\\b;c,d\ne\r\nf\rg:h\x01i\tj";
  const auto lines = content_lines(build_icalendar(d));
  EXPECT_TRUE(has_line(lines, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng:hi\tj"));
}

TEST(Icalendar, InjectionAttemptsStayInsideTheirValue) {
  auto d = sample_request();
  d.events[0].attendees[0].name = "Jan\r\nATTENDEE:mailto:evil@x.example";
  d.events[0].organizer.name = "Planner\"; ROLE=CHAIR";
  d.events[0].summary = "Gesprek\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil";
  d.events[0].location = "Lokaal\nATTENDEE:mailto:evil@x.example";
  const std::string text = build_icalendar(d);
  const auto lines = content_lines(text);
  EXPECT_EQ(count_prefix(lines, "ATTENDEE"), 1u);
  EXPECT_EQ(count_prefix(lines, "BEGIN:VEVENT"), 1u);
  EXPECT_EQ(count_prefix(lines, "UID:"), 1u);
  EXPECT_TRUE(has_line(lines,
                       "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                       "CN=\"Jan ATTENDEE:mailto:evil@x.example\":mailto:jan@example.org"));
  EXPECT_TRUE(has_line(lines, "ORGANIZER;CN=\"Planner^'; ROLE=CHAIR\":mailto:planner@school.example"));
  EXPECT_TRUE(has_line(lines, "SUMMARY:Gesprek\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil"));
  EXPECT_EQ(text.find("\r\nATTENDEE:mailto:evil"), std::string::npos);

  auto bad = sample_request();
  bad.events[0].attendees[0].email = "jan@example.org\r\nATTENDEE:mailto:evil@x.example";
  EXPECT_THROW(build_icalendar(bad), MessageError);
  bad = sample_request();
  bad.events[0].url = "https://x.example/\r\nATTENDEE:mailto:evil@x.example";
  EXPECT_THROW(build_icalendar(bad), MessageError);
  bad = sample_request();
  bad.events[0].uid = "abc\r\nATTENDEE:mailto:evil@x.example";
  EXPECT_THROW(build_icalendar(bad), MessageError);
}

// One event per moment around a daylight-saving change; `local` is the expected TZID wall time.
struct DstCase {
  Instant start;
  std::string local;  // "" when the time can only be written as UTC
};

std::vector<DstCase> dst_cases() {
  return {
      // Spring 2026: Sunday 29 March, 02:00 CET → 03:00 CEST (01:00 UTC).
      {utc(2026_y / March / 27_d, 14, 0), "20260327T150000"},
      {utc(2026_y / March / 29_d, 0, 30), "20260329T013000"},
      {utc(2026_y / March / 29_d, 1, 0), "20260329T030000"},
      {utc(2026_y / March / 30_d, 13, 0), "20260330T150000"},
      // Autumn 2026: Sunday 25 October, 03:00 CEST → 02:00 CET (01:00 UTC).
      {utc(2026_y / October / 23_d, 13, 0), "20261023T150000"},
      {utc(2026_y / October / 24_d, 23, 30), "20261025T013000"},  // 01:30 CEST: before the doubled hour
      {utc(2026_y / October / 25_d, 0, 30), ""},                 // 02:30 the first time: ambiguous, so UTC
      {utc(2026_y / October / 25_d, 1, 30), ""},                 // 02:30 the second time: UTC as well
      {utc(2026_y / October / 25_d, 2, 0), "20261025T030000"},
      {utc(2026_y / October / 26_d, 14, 0), "20261026T150000"},
      // Spring 2027: Sunday 28 March.
      {utc(2027_y / March / 26_d, 14, 0), "20270326T150000"},
      {utc(2027_y / March / 29_d, 13, 0), "20270329T150000"},
  };
}

CalendarDocument dst_feed() {
  CalendarDocument d;
  d.name = "Gesprekken rond de klokwissel";
  int n = 0;
  for (const auto& c : dst_cases()) {
    CalendarEvent e;
    e.uid = "dst-" + std::to_string(n++) + "@school.example";
    e.stamp = utc(2026_y / March / 1_d, 9, 0);
    e.start = c.start;
    e.end = c.start + std::chrono::minutes(30);
    e.summary = "Gesprek";
    d.events.push_back(e);
  }
  return d;
}

TEST(Icalendar, LocalTimesAcrossDaylightSavingChanges) {
  const auto lines = content_lines(build_icalendar(dst_feed()));
  EXPECT_EQ(count_prefix(lines, "BEGIN:VTIMEZONE"), 1u);
  for (const auto& c : dst_cases()) {
    const std::string wanted =
        c.local.empty() ? "DTSTART:" + date::format("%Y%m%dT%H%M%SZ", date::floor<std::chrono::seconds>(c.start))
                        : "DTSTART;TZID=Europe/Amsterdam:" + c.local;
    EXPECT_TRUE(has_line(lines, wanted)) << wanted;
  }
  // The end of the 00:30 UTC event (01:00 UTC = 02:00 CET) is ambiguous too; that of the
  // 01:30 UTC event (02:00 UTC = 03:00 CET) is not.
  EXPECT_TRUE(has_line(lines, "DTEND:20261025T010000Z"));
  EXPECT_TRUE(has_line(lines, "DTEND;TZID=Europe/Amsterdam:20261025T030000"));
}

TEST(Icalendar, ZonesWithoutTheEuRuleAreWrittenInUtc) {
  for (const std::string zone : {"America/New_York", "UTC", "Asia/Tokyo"}) {
    auto d = sample_request();
    d.time_zone = zone;
    const auto lines = content_lines(build_icalendar(d));
    EXPECT_EQ(count_prefix(lines, "BEGIN:VTIMEZONE"), 0u) << zone;
    EXPECT_TRUE(has_line(lines, "DTSTART:20261201T140000Z")) << zone;
    EXPECT_TRUE(has_line(lines, "DTEND:20261201T143000Z")) << zone;
  }
  auto lisbon = sample_request();
  lisbon.time_zone = "Europe/Lisbon";
  const auto lines = content_lines(build_icalendar(lisbon));
  EXPECT_TRUE(has_line(lines, "TZID:Europe/Lisbon"));
  EXPECT_TRUE(has_line(lines, "DTSTART:19700329T010000"));
  EXPECT_TRUE(has_line(lines, "DTSTART:19701025T020000"));
  EXPECT_TRUE(has_line(lines, "TZOFFSETTO:+0100"));
  EXPECT_TRUE(has_line(lines, "DTSTART;TZID=Europe/Lisbon:20261201T140000"));
}

TEST(Icalendar, MethodStatusAndSchedulingAgent) {
  auto cancel = sample_request();
  cancel.method = ItipMethod::cancel;
  cancel.events[0].sequence = 3;
  auto lines = content_lines(build_icalendar(cancel));
  EXPECT_TRUE(has_line(lines, "METHOD:CANCEL"));
  EXPECT_TRUE(has_line(lines, "STATUS:CANCELLED"));
  EXPECT_TRUE(has_line(lines, "SEQUENCE:3"));

  auto stored = sample_request();
  stored.method = ItipMethod::none;
  stored.events[0].schedule_agent_client = true;
  stored.events[0].attendees[0].partstat = "ACCEPTED";
  stored.events[0].attendees[0].role = AttendeeRole::chair;
  stored.events[0].url = "https://planner.school.example/m/1";
  lines = content_lines(build_icalendar(stored));
  EXPECT_EQ(count_prefix(lines, "METHOD"), 0u);
  EXPECT_TRUE(has_line(lines, "ORGANIZER;CN=Mentor Planner;SCHEDULE-AGENT=CLIENT:mailto:planner@school.example"));
  EXPECT_TRUE(has_line(lines,
                       "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=ACCEPTED;RSVP=TRUE;SCHEDULE-AGENT=CLIENT;"
                       "CN=\"de Vries, Jan\":mailto:jan@example.org"));
  EXPECT_TRUE(has_line(lines, "URL:https://planner.school.example/m/1"));

  CalendarDocument empty_feed;
  empty_feed.name = "Leeg";
  lines = content_lines(build_icalendar(empty_feed));
  EXPECT_TRUE(has_line(lines, "X-WR-CALNAME:Leeg"));
  EXPECT_EQ(count_prefix(lines, "BEGIN:VEVENT"), 0u);
}

TEST(Icalendar, RefusesBadInputNamingTheField) {
  struct Case {
    const char* what;
    std::function<void(CalendarDocument&)> change;
    const char* message_part;
  };
  const std::vector<Case> cases{
      {"empty uid", [](auto& d) { d.events[0].uid = ""; }, "UID"},
      {"uid with space", [](auto& d) { d.events[0].uid = "a b@x"; }, "UID"},
      {"non-ascii uid", [](auto& d) { d.events[0].uid = "zoë@x"; }, "UID"},
      {"negative sequence", [](auto& d) { d.events[0].sequence = -1; }, "SEQUENCE"},
      {"end before start", [](auto& d) { d.events[0].end = d.events[0].start; }, "ends before"},
      {"bad organizer", [](auto& d) { d.events[0].organizer.email = "planner"; }, "organizer address"},
      {"bad attendee", [](auto& d) { d.events[0].attendees[0].email = "jan at example.org"; }, "attendee address"},
      {"unknown partstat", [](auto& d) { d.events[0].attendees[0].partstat = "MAYBE"; }, "PARTSTAT"},
      {"unknown zone", [](auto& d) { d.time_zone = "Europe/Atlantis"; }, "time zone"},
      {"url with space", [](auto& d) { d.events[0].url = "https://x.example/a b"; }, "URL"},
      {"invalid utf-8", [](auto& d) { d.events[0].summary = "Zo\xEB"; }, "summary"},
      {"invalid utf-8 name", [](auto& d) { d.events[0].attendees[0].name = "Zo\xEB"; }, "attendee name"},
      {"two events in a request", [](auto& d) { d.events.push_back(d.events[0]); }, "exactly one event"},
      {"request without attendee", [](auto& d) { d.events[0].attendees.clear(); }, "ATTENDEE"},
      {"request without organizer", [](auto& d) { d.events[0].organizer = {}; }, "ORGANIZER"},
      {"request without summary", [](auto& d) { d.events[0].summary.clear(); }, "SUMMARY"},
      {"cancelled request", [](auto& d) { d.events[0].cancelled = true; }, "CANCEL"},
      {"duplicate uid in a feed",
       [](auto& d) {
         d.method = ItipMethod::none;
         d.events.push_back(d.events[0]);
       },
       "used by two events"},
      {"attendees without organizer in a feed",
       [](auto& d) {
         d.method = ItipMethod::none;
         d.events[0].organizer = {};
       },
       "no organizer"},
  };
  for (const auto& c : cases) {
    auto d = sample_request();
    c.change(d);
    try {
      build_icalendar(d);
      ADD_FAILURE() << c.what << ": no error";
    } catch (const MessageError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message_part), std::string::npos) << c.what << ": " << e.what();
    }
  }
}

// Names as the school's export spells them, odd characters included: an independent parser
// reads back the name that was meant (quotes and '^' by RFC 6868) and, above all, the address.
TEST(Icalendar, NamesWithBackslashesQuotesAndDirectionCharactersReadBackAsMeant) {
  test::ScratchDir dir;
  auto request = sample_request();
  const std::vector<std::pair<std::string, std::string>> names{
      {"de Vries\\", "de Vries\\"},                         // a trailing backslash escaped the ':' before
      {"Jan\\Jansen", "Jan\\Jansen"},
      {"Jan \"Ome\" Jansen", "Jan \"Ome\" Jansen"},           // '"' was turned into '\''
      {"A^B", "A^B"},
      {"Y\xC4\xB1lmaz\xE2\x80\xAEgnp.exe", "Y\xC4\xB1lmazgnp.exe"},  // U+202E RIGHT-TO-LEFT OVERRIDE
      {"\xE2\x81\xA6Zo\xC3\xAB\xE2\x81\xA9 \xE2\x80\x8F" "Bakker\xE2\x80\x8E", "Zo\xC3\xAB Bakker"},  // isolates, marks
      {"Ana\xC2\x85Silva", "Ana Silva"}};                                // NEL, a C1 line break
  request.events[0].attendees.clear();
  for (std::size_t i = 0; i < names.size(); ++i) {
    CalendarAttendee a;
    a.email = "ouder" + std::to_string(i) + "@example.org";
    a.name = names[i].first;
    request.events[0].attendees.push_back(a);
  }
  request.events[0].organizer.name = "Mentor\\";
  test::write_file(dir / "names.ics", build_icalendar(request));

  const auto script = (test::source_dir() / "tests/fakes/ical/parse_ics.py").string();
  const auto r = test::run({test::python(), script, (dir / "names.ics").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto parsed = nlohmann::json::parse(r.out);
  const auto& ev = parsed.at(0)["events"][0];
  EXPECT_EQ(ev["organizer"]["address"], "mailto:planner@school.example");
  EXPECT_EQ(ev["organizer"]["cn"], "Mentor\\");
  ASSERT_EQ(ev["attendees"].size(), names.size()) << r.out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(ev["attendees"][i]["address"], "mailto:ouder" + std::to_string(i) + "@example.org") << i;
    EXPECT_EQ(ev["attendees"][i]["cn"], names[i].second) << i;
    EXPECT_EQ(ev["attendees"][i]["role"], "REQ-PARTICIPANT") << i;
  }
}

TEST(Icalendar, AnIndependentParserReadsItBack) {
  test::ScratchDir dir;
  auto request = sample_request();
  request.events[0].attendees[0].name = "Jan\r\nATTENDEE:mailto:evil@x.example";
  request.events[0].summary = "Uitnodiging gesprek – Zoë; 3B, \"mentor\"\r\nBEGIN:VEVENT";
  std::string long_text;
  for (int i = 0; i < 10; ++i) long_text += "Één lange regel met 🎓 en ë, om te vouwen. ";
  request.events[0].description = long_text + "\nTweede regel\\einde";
  auto cancel = sample_request();
  cancel.method = ItipMethod::cancel;
  cancel.events[0].sequence = 2;
  auto new_york = sample_request();
  new_york.time_zone = "America/New_York";
  test::write_file(dir / "request.ics", build_icalendar(request));
  test::write_file(dir / "cancel.ics", build_icalendar(cancel));
  test::write_file(dir / "dst.ics", build_icalendar(dst_feed()));
  test::write_file(dir / "utc.ics", build_icalendar(new_york));

  const auto script = (test::source_dir() / "tests/fakes/ical/parse_ics.py").string();
  const auto r = test::run({test::python(), script, (dir / "request.ics").string(), (dir / "cancel.ics").string(),
                            (dir / "dst.ics").string(), (dir / "utc.ics").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto parsed = nlohmann::json::parse(r.out);
  ASSERT_EQ(parsed.size(), 4u);

  const auto& req = parsed[0];
  EXPECT_EQ(req["method"], "REQUEST");
  EXPECT_EQ(req["calscale"], "GREGORIAN");
  EXPECT_EQ(req["components"], nlohmann::json::array({"VTIMEZONE", "VEVENT"}));
  ASSERT_EQ(req["events"].size(), 1u);
  const auto& ev = req["events"][0];
  EXPECT_EQ(ev["uid"], request.events[0].uid);
  EXPECT_EQ(ev["sequence"], 0);
  EXPECT_EQ(ev["dtstamp"], "2026-11-22T10:00:00Z");
  EXPECT_EQ(ev["dtstart"]["utc"], "2026-12-01T14:00:00Z");
  EXPECT_EQ(ev["dtstart"]["utc_by_vtimezone"], "2026-12-01T14:00:00Z");
  EXPECT_EQ(ev["dtend"]["utc_by_vtimezone"], "2026-12-01T14:30:00Z");
  EXPECT_EQ(ev["summary"], "Uitnodiging gesprek – Zoë; 3B, \"mentor\"\nBEGIN:VEVENT");
  EXPECT_EQ(ev["description"], long_text + "\nTweede regel\\einde");
  EXPECT_EQ(ev["location"], "Lokaal 2.14, hoofdgebouw");
  EXPECT_EQ(ev["status"], "CONFIRMED");
  EXPECT_EQ(ev["transp"], "OPAQUE");
  EXPECT_EQ(ev["organizer"]["address"], "mailto:planner@school.example");
  EXPECT_EQ(ev["organizer"]["cn"], "Mentor Planner");
  ASSERT_EQ(ev["attendees"].size(), 1u);
  EXPECT_EQ(ev["attendees"][0]["address"], "mailto:jan@example.org");
  EXPECT_EQ(ev["attendees"][0]["cn"], "Jan ATTENDEE:mailto:evil@x.example");
  EXPECT_EQ(ev["attendees"][0]["partstat"], "NEEDS-ACTION");
  EXPECT_EQ(ev["attendees"][0]["rsvp"], "TRUE");
  EXPECT_EQ(ev["attendees"][0]["role"], "REQ-PARTICIPANT");

  EXPECT_EQ(parsed[1]["method"], "CANCEL");
  EXPECT_EQ(parsed[1]["events"][0]["status"], "CANCELLED");
  EXPECT_EQ(parsed[1]["events"][0]["sequence"], 2);
  EXPECT_EQ(parsed[1]["events"][0]["uid"], request.events[0].uid);

  const auto& dst = parsed[2];
  EXPECT_EQ(dst["method"], "");
  EXPECT_EQ(dst["calname"], "Gesprekken rond de klokwissel");
  const auto cases = dst_cases();
  ASSERT_EQ(dst["events"].size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto expected = date::format("%Y-%m-%dT%H:%M:%SZ", date::floor<std::chrono::seconds>(cases[i].start));
    const auto& start = dst["events"][i]["dtstart"];
    EXPECT_EQ(start["utc"], expected) << i;
    if (!cases[i].local.empty()) {
      EXPECT_EQ(start["utc_by_vtimezone"], expected) << i;
    }
  }

  EXPECT_EQ(parsed[3]["timezones"].size(), 0u);
  EXPECT_EQ(parsed[3]["events"][0]["dtstart"]["utc"], "2026-12-01T14:00:00Z");
  EXPECT_EQ(parsed[3]["events"][0]["dtstart"]["tzid"], "");
}

}  // namespace
}  // namespace lobsync::messaging::icalendar_test
