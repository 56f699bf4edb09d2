// The bytes the message builders produce, held against files written by the builders as they
// were before they were made faster (tests/unit/messaging/golden/). A message already queued
// and one built now for the same meeting must be identical, and a rewrite of an encoder must not
// move a single byte. To record new files after an intended change of the output, run this
// binary with LOBSYNC_WRITE_GOLDEN=1 and review the difference.
#include "messaging/icalendar.h"
#include "messaging/imip.h"
#include "messaging/mime_encoding.h"
#include "messaging/icalendar_text.h"

#include "support/test_env.h"

#include <lobsync/household.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace lobsync::messaging::rendering_golden_test {
namespace {

using namespace std::chrono_literals;

std::filesystem::path golden(const std::string& name) {
  return test::source_dir() / "tests" / "unit" / "messaging" / "golden" / name;
}

bool writing() {
  const char* flag = std::getenv("LOBSYNC_WRITE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

// Compares with the golden file (or writes it when asked to).
void expect_golden(const std::string& name, const std::string& actual) {
  const auto file = golden(name);
  if (writing()) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << file;
  std::stringstream expected;
  expected << in.rdbuf();
  const std::string want = expected.str();
  if (want == actual) return;
  std::size_t at = 0;
  while (at < want.size() && at < actual.size() && want[at] == actual[at]) ++at;
  ADD_FAILURE() << name << " differs from its golden file at byte " << at << " of " << want.size() << "/"
                << actual.size() << ":\n  golden: " << want.substr(at, 80) << "\n  built:  " << actual.substr(at, 80);
}

const Instant kStamp = instant_from_unix_ms(1'795'341'600'000);  // 2026-11-22 10:00 UTC

CalendarEvent event(const std::string& uid, Instant start, std::chrono::minutes length) {
  CalendarEvent e;
  e.uid = uid;
  e.sequence = 2;
  e.stamp = kStamp;
  e.start = start;
  e.end = start + length;
  e.summary = "Loopbaangesprek met ouders – Zoë van der Berg-Özdemir; profielkeuze, vervolg";
  e.description =
      "Beste ouder/verzorger,\n\nWe nodigen u uit voor het gesprek over de profielkeuze van Zoë. "
      "Kies gerust een ander moment via de link hieronder; het gesprek duurt 30 minuten.\n\n"
      "Met vriendelijke groet,\nMevrouw Wiśniewska (mentor)\n\\ backslash, komma; puntkomma";
  e.location = "Lokaal 2.14, Hoofdgebouw";
  e.url = "https://lob.school.example/p/eyJtIjoiMTIzNDU2Nzg5MCIsInAiOiJyb3N0ZXI6cGFyZW50LTEifQ.c2lnbmF0dXJl";
  e.organizer = {"lob@school.example", "LOB-planning Het Lyceum"};
  CalendarAttendee mentor;
  mentor.email = "k.wisniewska@school.example";
  mentor.name = "Karolina Wiśniewska";
  mentor.role = AttendeeRole::chair;
  mentor.rsvp = false;
  CalendarAttendee parent;
  parent.email = "ouder.ozdemir@example.nl";
  parent.name = "A. \"Ayşe\" Özdemir; ouder";
  parent.rsvp = false;
  e.attendees = {mentor, parent};
  return e;
}

InvitationMail invitation(ItipMethod method, Instant start, const std::string& text) {
  CalendarDocument doc;
  doc.method = method;
  doc.time_zone = "Europe/Amsterdam";
  auto e = event("m-2026-0042@school.example", start, 30min);
  e.cancelled = method == ItipMethod::cancel;
  doc.events = {e};
  InvitationMail m;
  m.from = {"lob@school.example", "LOB-planning Het Lyceum"};
  m.to = {"ouder.ozdemir@example.nl", "Ayşe Özdemir"};
  m.subject = method == ItipMethod::cancel ? "Vervallen: Loopbaangesprek met ouders – Zoë van der Berg-Özdemir"
                                           : "Uitnodiging: Loopbaangesprek met ouders – Zoë van der Berg-Özdemir";
  m.text = text;
  m.html = "<!DOCTYPE html>\n<html lang=\"nl\"><body><p>Beste ouder, één gesprek &amp; meer: " + text +
           "</p></body></html>\n";
  m.calendar = build_icalendar(doc);
  m.method = method;
  m.message_id_left = "m-2026-0042.2." + sdk::fnv1a_hex("roster:parent-1");
  m.date = kStamp;
  return m;
}

const std::string kDutch =
    "Beste ouder/verzorger van Zoë,\n\nWe nodigen u uit: dinsdag 30 juni 2026, 15:00–15:30, lokaal 2.14.\n"
    "Kunt u niet? Kies een ander moment: https://lob.school.example/p/eyJtIjoiMTIzNDU2Nzg5MCIsInAiOiJyb3N0ZXI6"
    "cGFyZW50LTEifQ.c2lnbmF0dXJl\n.punt aan het begin van een regel\nspatie aan het eind \ntab aan het eind\t\n"
    "= is gelijk aan =, 100% zeker\n";
const std::string kArabic =
    "ولي الأمر العزيز،\r\nنود دعوتكم إلى محادثة التوجيه المهني لـ Zoë.\r\r\nسطر طويل جدا " + std::string(90, '-') +
    " نهاية\n.\n";

TEST(RenderingGolden, AnInvitationInSummerTime) {
  const Instant summer = instant_from_unix_ms(1'782'831'600'000);  // 2026-06-30 13:00 UTC
  expect_golden("invitation-request.eml", build_invitation_message(invitation(ItipMethod::request, summer, kDutch)));
}

TEST(RenderingGolden, ACancellationInWinterTimeWithArabicText) {
  const Instant winter = instant_from_unix_ms(1'796'133'600'000);  // 2026-12-01 14:00 UTC
  expect_golden("invitation-cancel.eml", build_invitation_message(invitation(ItipMethod::cancel, winter, kArabic)));
}

TEST(RenderingGolden, ADigest) {
  HtmlMail m;
  m.from = {"lob@school.example", "LOB-planning"};
  m.to = {{"ouder@example.nl", "Ouder van Zoë"}, {"zoe@leerling.example", "Zoë"}};
  m.subject = "Herinnering: gesprek morgen, en een thuisopdracht";
  m.text = kDutch + kArabic;
  m.html = "<p>" + kDutch + "</p><p dir=\"rtl\">" + kArabic + "</p>";
  m.message_id_left = "digest.2026-06-29." + sdk::fnv1a_hex("roster:parent-1");
  m.date = kStamp;
  expect_golden("digest.eml", build_html_message(m));
}

TEST(RenderingGolden, AFeedAcrossTheAutumnHourAndAZoneWithoutLocalTimes) {
  CalendarDocument feed;
  feed.time_zone = "Europe/Amsterdam";
  feed.name = "LOB-gesprekken van K. Wiśniewska";
  // 2026-10-25 00:30 UTC is 02:30 local in the hour that happens twice: written in UTC.
  feed.events = {event("a@school.example", instant_from_unix_ms(1'792'888'200'000), 30min),
                 event("b@school.example", instant_from_unix_ms(1'796'133'600'000), 45min)};
  expect_golden("feed-amsterdam.ics", build_icalendar(feed));
  feed.time_zone = "America/New_York";
  expect_golden("feed-new-york.ics", build_icalendar(feed));
}

// Random text with what the encoders treat specially: line breaks of every kind, dots and white
// space at line starts and ends, '=', multi-byte characters, control characters, long lines.
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces{
      "a", "Z", " ", "\t", ".", "=", "\r\n", "\n", "\r", "ë", "ş", "–", "ع", "😀", "\x01", "\x7f", ";", ",", "\\",
      "\"", ":", "^", "0123456789", std::string(80, 'x'), " \n", ".\n", "=\r\n"};
  std::uniform_int_distribution<std::size_t> count(0, 120), pick(0, pieces.size() - 1);
  std::string out;
  for (std::size_t n = count(rng); n > 0; --n) out += pieces[pick(rng)];
  return out;
}

TEST(RenderingGolden, EncodersOnAThousandRandomTexts) {
  std::mt19937 rng(20261202);
  std::string record;
  for (int i = 0; i < 1000; ++i) {
    const auto text = random_text(rng);
    // One hash of every encoder's output per text keeps the file small; a difference names the text.
    const auto outputs = quoted_printable(text) + '\0' + base64_body(text) + '\0' + ical::fold(text) + '\0' +
                         ical::escape_text(text) + '\0' + ical::param_value(text) + '\0' + to_crlf(text);
    record += std::to_string(i) + " " + sdk::fnv1a_hex(outputs) + "\n";
  }
  expect_golden("encoders.txt", record);
}

}  // namespace
}  // namespace lobsync::messaging::rendering_golden_test
