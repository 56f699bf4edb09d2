// Invitation and HTML mail: structure checked by hand, then parsed back by Python's email
// package (policy=default) with the calendar parts read by python3-icalendar.
#include "messaging/imip.h"
#include "messaging/mime_encoding.h"

#include "support/process.h"
#include "support/test_env.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace lobsync::messaging::imip_test {
namespace {

const Instant kStamp = instant_from_unix_ms(1'795'341'600'000);  // 2026-11-22 10:00 UTC
const Instant kStart = instant_from_unix_ms(1'796'133'600'000);  // 2026-12-01 14:00 UTC

CalendarDocument calendar(ItipMethod method) {
  CalendarEvent e;
  e.uid = "meeting-17@planner.school.example";
  e.sequence = method == ItipMethod::cancel ? 1 : 0;
  e.stamp = kStamp;
  e.start = kStart;
  e.end = kStart + std::chrono::minutes(30);
  e.summary = "Loopbaangesprek – Zoë";
  e.organizer = {"planner@school.example", "LOB-planning"};
  CalendarAttendee a;
  a.email = "ouder@example.org";
  a.name = "Ouder van Zoë";
  e.attendees = {a};
  CalendarDocument d;
  d.method = method;
  d.events = {e};
  return d;
}

const std::string kText = "Beste ouder,\n\nWe nodigen u uit: dinsdag 1 december 2026, 15:00–15:30.\n" +
                          std::string(120, '=') + " lange regel zonder spaties \n.punt aan het begin\n";
const std::string kHtml = "<!DOCTYPE html>\n<html lang=\"nl\"><body><p style=\"margin:0;\">Beste ouder, één "
                          "gesprek &amp; meer</p></body></html>\n";

InvitationMail invitation(ItipMethod method) {
  InvitationMail m;
  m.from = {"planner@school.example", "LOB-planning"};
  m.to = {"ouder@example.org", "Ouder van Zoë"};
  m.subject = "Uitnodiging gesprek – Zoë";
  m.text = kText;
  m.html = kHtml;
  m.calendar = build_icalendar(calendar(method));
  m.method = method;
  m.message_id_left = "invite.17.ouder-1";
  m.date = kStamp;
  return m;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    if (end == std::string::npos) {
      ADD_FAILURE() << "no CRLF at the end";
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

TEST(QuotedPrintable, KnownEncodings) {
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("Zoë"), "Zo=C3=AB");
  EXPECT_EQ(quoted_printable("end \nnext\n"), "end=20\r\nnext\r\n");
  EXPECT_EQ(quoted_printable(".\n"), "=2E\r\n");
  EXPECT_EQ(quoted_printable("tab\t"), "tab=09");
  const std::string long_line = quoted_printable(std::string(100, 'x'));
  EXPECT_EQ(long_line, std::string(75, 'x') + "=\r\n" + std::string(25, 'x'));
  // A soft break never splits an escape.
  const std::string escapes = quoted_printable(std::string(74, 'x') + "==");
  EXPECT_EQ(escapes, std::string(74, 'x') + "=\r\n=3D=3D");
}

TEST(Imip, InvitationHasTheInteroperableStructure) {
  const std::string message = build_invitation_message(invitation(ItipMethod::request));
  const auto lines = lines_of(message);
  for (const auto& line : lines) {
    EXPECT_LE(line.size(), 78u) << line;
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos);
  }
  EXPECT_NE(message.find("\r\nContent-Type: multipart/mixed; boundary=\"=_lobsync_mixed\"\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nContent-Type: multipart/alternative; boundary=\"=_lobsync_alternative\"\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nContent-Type: application/ics; name=\"invite.ics\"\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nMessage-ID: <invite.17.ouder-1@school.example>\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n"), std::string::npos);
  // A retry builds the same bytes, so a relay or the recipient can recognise the duplicate.
  EXPECT_EQ(message, build_invitation_message(invitation(ItipMethod::request)));
}

TEST(Imip, RefusesMismatchesAndInjection) {
  auto m = invitation(ItipMethod::request);
  m.method = ItipMethod::cancel;
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.method = ItipMethod::none;
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.calendar = build_icalendar([] {
    auto d = calendar(ItipMethod::request);
    d.method = ItipMethod::none;
    return d;
  }());
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.from.address = "someone-else@school.example";
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.subject = "Uitnodiging\r\nBcc: victim@example.org";
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.to.display_name = "Ouder\nBcc: victim@example.org";
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.to.address = "ouder@example.org>\r\nBcc: victim@example.org";
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.message_id_left = "a@b";
  EXPECT_THROW(build_invitation_message(m), MessageError);
  m = invitation(ItipMethod::request);
  m.html = "bad \xC3 byte";
  EXPECT_THROW(build_invitation_message(m), MessageError);
  HtmlMail h{{"planner@school.example", ""}, {}, "Herinnering", "tekst", "<p>html</p>", "reminder.1", kStamp};
  EXPECT_THROW(build_html_message(h), MessageError) << "no recipient";
}

TEST(Imip, AnIndependentParserReadsItBack) {
  test::ScratchDir dir;
  test::write_file(dir / "request.eml", build_invitation_message(invitation(ItipMethod::request)));
  test::write_file(dir / "cancel.eml", build_invitation_message(invitation(ItipMethod::cancel)));
  const HtmlMail digest{{"planner@school.example", "LOB-planning"},
                        {{"mentor@school.example", "Mentor Één"}, {"decaan@school.example", ""}},
                        "Overzicht van deze week – 3 gesprekken",
                        kText,
                        kHtml,
                        "digest.2026-48",
                        kStamp};
  test::write_file(dir / "digest.eml", build_html_message(digest));
  const auto script = (test::source_dir() / "tests/fakes/ical/parse_mime.py").string();
  const auto r = test::run({test::python(), script, (dir / "request.eml").string(), (dir / "cancel.eml").string(),
                            (dir / "digest.eml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto parsed = nlohmann::json::parse(r.out);
  ASSERT_EQ(parsed.size(), 3u);
  const auto crlf_to_lf = [](std::string s) {
    for (std::size_t i; (i = s.find("\r\n")) != std::string::npos;) s.erase(i, 1);
    return s;
  };

  for (const auto& [index, method] : {std::pair{0, "REQUEST"}, std::pair{1, "CANCEL"}}) {
    const auto& mail = parsed[static_cast<std::size_t>(index)];
    SCOPED_TRACE(method);
    EXPECT_EQ(mail["subject"], "Uitnodiging gesprek – Zoë");
    EXPECT_EQ(mail["from"], "LOB-planning <planner@school.example>");
    EXPECT_EQ(mail["to"], "Ouder van Zoë <ouder@example.org>");
    EXPECT_EQ(mail["message_id"], "<invite.17.ouder-1@school.example>");
    EXPECT_EQ(mail["mime_version"], "1.0");
    EXPECT_EQ(mail["auto_submitted"], "auto-generated");
    const auto& tree = mail["tree"];
    EXPECT_EQ(tree["type"], "multipart/mixed");
    EXPECT_EQ(tree["defects"].size(), 0u);
    ASSERT_EQ(tree["parts"].size(), 2u);
    const auto& alternative = tree["parts"][0];
    EXPECT_EQ(alternative["type"], "multipart/alternative");
    ASSERT_EQ(alternative["parts"].size(), 3u);
    EXPECT_EQ(alternative["parts"][0]["type"], "text/plain");
    EXPECT_EQ(alternative["parts"][0]["encoding"], "quoted-printable");
    EXPECT_EQ(alternative["parts"][1]["type"], "text/html");
    EXPECT_EQ(alternative["parts"][2]["type"], "text/calendar");
    EXPECT_EQ(alternative["parts"][2]["charset"], "utf-8");
    EXPECT_EQ(alternative["parts"][2]["method"], method);
    const auto& attachment = tree["parts"][1];
    EXPECT_EQ(attachment["type"], "application/ics");
    EXPECT_EQ(attachment["disposition"], "attachment");
    EXPECT_EQ(attachment["filename"], "invite.ics");
    for (const auto& part : alternative["parts"]) EXPECT_EQ(part["defects"].size(), 0u);

    EXPECT_EQ(crlf_to_lf(mail["text"]), kText);
    EXPECT_EQ(crlf_to_lf(mail["html"]), kHtml);
    ASSERT_EQ(mail["calendars"].size(), 2u);
    for (const auto& cal : mail["calendars"]) {
      EXPECT_EQ(cal["method"], method) << cal["part_type"];
      ASSERT_EQ(cal["events"].size(), 1u);
      EXPECT_EQ(cal["events"][0]["uid"], "meeting-17@planner.school.example");
      EXPECT_EQ(cal["events"][0]["dtstart"]["utc"], "2026-12-01T14:00:00Z");
      EXPECT_EQ(cal["events"][0]["organizer"]["address"], "mailto:planner@school.example");
    }
    EXPECT_EQ(mail["calendars"][0]["part_method"], method);
  }
  EXPECT_EQ(parsed[1]["calendars"][0]["events"][0]["status"], "CANCELLED");

  const auto& html_mail = parsed[2];
  EXPECT_EQ(html_mail["subject"], "Overzicht van deze week – 3 gesprekken");
  EXPECT_EQ(html_mail["to"], "Mentor Één <mentor@school.example>, decaan@school.example");
  EXPECT_EQ(html_mail["tree"]["type"], "multipart/alternative");
  ASSERT_EQ(html_mail["tree"]["parts"].size(), 2u);
  EXPECT_EQ(crlf_to_lf(html_mail["text"]), kText);
  EXPECT_EQ(crlf_to_lf(html_mail["html"]), kHtml);
  EXPECT_EQ(html_mail["calendars"].size(), 0u);
}

}  // namespace
}  // namespace lobsync::messaging::imip_test
