// The iCalendar reader: unfolding, properties and parameters, and every kind of broken input,
// which must be reported with its line and never crash or take the rest down with it.
#include "caldav/ical_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace caldav::ical::ical_reader_test {
namespace {

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const auto& p : problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string dump(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += p + "\n";
  return out;
}

TEST(IcalReader, ReadsComponentsPropertiesAndParameters) {
  const auto doc = parse(
      "BEGIN:VCALENDAR\r\n"
      "VERSION:2.0\r\n"
      "BEGIN:VEVENT\r\n"
      "UID:les-1@school.example\r\n"
      "DTSTART;TZID=Europe/Amsterdam:20261201T090000\r\n"
      "ATTENDEE;CN=\"de Vries, Jan\";ROLE=REQ-PARTICIPANT:mailto:jan@example.org\r\n"
      "CATEGORIES;X-A=a,\"b;c\",d:LES\r\n"
      "BEGIN:VALARM\r\n"
      "TRIGGER:-PT15M\r\n"
      "END:VALARM\r\n"
      "END:VEVENT\r\n"
      "END:VCALENDAR\r\n");
  EXPECT_TRUE(doc.problems.empty()) << dump(doc.problems);
  ASSERT_EQ(doc.components.size(), 1u);
  const Component& calendar = doc.components[0];
  EXPECT_EQ(calendar.name, "VCALENDAR");
  ASSERT_EQ(calendar.children.size(), 1u);
  const Component& event = calendar.children[0];
  EXPECT_EQ(event.name, "VEVENT");
  EXPECT_EQ(event.line, 3u);
  ASSERT_NE(event.property("DTSTART"), nullptr);
  EXPECT_EQ(*event.property("DTSTART")->param("TZID"), "Europe/Amsterdam");
  EXPECT_EQ(event.property("DTSTART")->value, "20261201T090000");
  EXPECT_EQ(event.property("DTSTART")->line, 5u);
  const Property* attendee = event.property("ATTENDEE");
  ASSERT_NE(attendee, nullptr);
  EXPECT_EQ(*attendee->param("CN"), "de Vries, Jan");  // quoted: the comma is part of the value
  EXPECT_EQ(attendee->value, "mailto:jan@example.org");  // the value keeps its ':'
  EXPECT_EQ(*event.property("CATEGORIES")->param("X-A"), "a,b;c,d");
  ASSERT_EQ(event.children.size(), 1u);
  EXPECT_EQ(event.children[0].name, "VALARM");
}

TEST(IcalReader, UnfoldsCrlfLfAndTabContinuations) {
  const auto doc = parse(
      "BEGIN:VCALENDAR\n"
      "BEGIN:VEVENT\n"
      "DESCRIPTION:Bevestig of ver\r\n"
      " zet via de link\n"
      "\tin de mail\n"
      "UID:a\n"
      "END:VEVENT\n"
      "END:VCALENDAR");  // no line end at all after the last line
  EXPECT_TRUE(doc.problems.empty()) << dump(doc.problems);
  const Component& event = doc.components.at(0).children.at(0);
  EXPECT_EQ(event.property("DESCRIPTION")->value, "Bevestig of verzet via de linkin de mail");
  EXPECT_EQ(event.property("UID")->line, 6u);
}

TEST(IcalReader, JoinsUtf8SplitAcrossFoldedLines) {
  // "Zoë Özdemir" folded in the middle of the two-byte sequences of ë and Ö.
  const auto doc = parse(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Zo\xC3\r\n \xAB \xC3\r\n \x96zdemir\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  EXPECT_TRUE(doc.problems.empty()) << dump(doc.problems);
  EXPECT_EQ(doc.components.at(0).children.at(0).property("SUMMARY")->value, "Zoë Özdemir");
}

TEST(IcalReader, NamesAreCaseInsensitive) {
  const auto doc = parse("begin:vcalendar\r\nbegin:vevent\r\ndtstart;tzid=UTC:20261201T090000\r\nend:VEVENT\r\nEnd:VCalendar\r\n");
  EXPECT_TRUE(doc.problems.empty()) << dump(doc.problems);
  const Component& event = doc.components.at(0).children.at(0);
  EXPECT_EQ(event.name, "VEVENT");
  EXPECT_EQ(*event.property("DTSTART")->param("TZID"), "UTC");
}

TEST(IcalReader, UnescapesText) {
  EXPECT_EQ(unescape_text(R"(Lokaal 2.14\, hoofdgebouw\; vleugel B\nregel 2\\x\N)"),
            "Lokaal 2.14, hoofdgebouw; vleugel B\nregel 2\\x\n");
  EXPECT_EQ(unescape_text("eindigt op \\"), "eindigt op \\");
}

TEST(IcalReaderBroken, EmptyInputIsAnEmptyDocument) {
  const auto doc = parse("");
  EXPECT_TRUE(doc.components.empty());
  EXPECT_TRUE(doc.problems.empty());
}

TEST(IcalReaderBroken, AnUnterminatedEventIsLeftOutAndTheCalendarKeepsTheRest) {
  const auto doc = parse(
      "BEGIN:VCALENDAR\r\n"
      "BEGIN:VEVENT\r\nUID:complete\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:truncated\r\nDTSTART:2026");  // the answer was cut off here
  ASSERT_EQ(doc.components.size(), 1u);
  ASSERT_EQ(doc.components[0].children.size(), 1u);
  EXPECT_EQ(doc.components[0].children[0].property("UID")->value, "complete");
  EXPECT_TRUE(mentions(doc.problems, "line 5: BEGIN:VEVENT is never ended; left out")) << dump(doc.problems);
  EXPECT_TRUE(mentions(doc.problems, "line 1: BEGIN:VCALENDAR is never ended")) << dump(doc.problems);
}

TEST(IcalReaderBroken, AMismatchedEndClosesTheOpenComponentAndDropsTheInnerOne) {
  const auto doc = parse(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  ASSERT_EQ(doc.components.size(), 1u);
  ASSERT_EQ(doc.components[0].children.size(), 1u);
  EXPECT_TRUE(doc.components[0].children[0].children.empty());
  EXPECT_TRUE(mentions(doc.problems, "line 4: BEGIN:VALARM is never ended; left out")) << dump(doc.problems);
}

TEST(IcalReaderBroken, AStrayEndIsReported) {
  const auto doc = parse("END:VEVENT\r\nBEGIN:VCALENDAR\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
  EXPECT_TRUE(mentions(doc.problems, "line 1: END:VEVENT without a BEGIN")) << dump(doc.problems);
  EXPECT_TRUE(mentions(doc.problems, "line 3: END:VTODO does not match BEGIN:VCALENDAR (line 2)")) << dump(doc.problems);
  EXPECT_EQ(doc.components.size(), 1u);
}

TEST(IcalReaderBroken, LinesWithoutAColonOrNameAreSkipped) {
  const auto doc = parse(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY Oudergesprek\r\n:no name\r\nDTSTART;TZID=\"Europe/Amsterdam:"
      "20261201T090000\r\nX-A;=b:c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  EXPECT_TRUE(mentions(doc.problems, "line 4: no ':' before the value of SUMMARY")) << dump(doc.problems);
  EXPECT_TRUE(mentions(doc.problems, "line 5: no property name")) << dump(doc.problems);
  EXPECT_TRUE(mentions(doc.problems, "line 6: an unterminated quoted parameter value in DTSTART")) << dump(doc.problems);
  EXPECT_TRUE(mentions(doc.problems, "line 7: a malformed parameter in X-A")) << dump(doc.problems);
  const Component& event = doc.components.at(0).children.at(0);
  EXPECT_EQ(event.properties.size(), 1u);  // only UID survived
  // Problems name properties, never values: "Oudergesprek" stays out of logs.
  EXPECT_FALSE(mentions(doc.problems, "Oudergesprek"));
}

TEST(IcalReaderBroken, AHugeLineIsSkippedWithoutHoldingIt) {
  std::string huge = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDESCRIPTION:" + std::string(kMaxContentLine, 'x') +
                     "\r\nEND:VEVENT\r\n";
  // A folded monster too: many continuation lines adding up past the limit.
  huge += "BEGIN:VEVENT\r\nUID:b\r\nX-LONG:start\r\n";
  for (int i = 0; i < 2000; ++i) huge += " " + std::string(70, 'y') + "\r\n";
  huge += "END:VEVENT\r\nEND:VCALENDAR\r\n";
  const auto doc = parse(huge);
  EXPECT_TRUE(mentions(doc.problems, "line 4: content line longer than 65536 bytes; left out")) << dump(doc.problems);
  EXPECT_TRUE(mentions(doc.problems, "line 8: content line longer than 65536 bytes; left out")) << dump(doc.problems);
  ASSERT_EQ(doc.components.at(0).children.size(), 2u);
  EXPECT_EQ(doc.components[0].children[0].property("DESCRIPTION"), nullptr);
  EXPECT_EQ(doc.components[0].children[1].property("UID")->value, "b");
}

TEST(IcalReaderBroken, AContinuationWithoutALineAndPropertiesOutsideComponentsAreReported) {
  const auto doc = parse(" orphan\r\nVERSION:2.0\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_TRUE(mentions(doc.problems, "line 1: a continuation line without a content line before it")) << dump(doc.problems);
  EXPECT_TRUE(mentions(doc.problems, "line 2: VERSION outside of any component")) << dump(doc.problems);
}

TEST(IcalReaderBroken, DeepNestingIsCutOff) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "BEGIN:X" + std::to_string(i) + "\r\n";
  text += "UID:deep\r\n";
  for (int i = 49; i >= 0; --i) text += "END:X" + std::to_string(i) + "\r\n";
  const auto doc = parse(text);
  EXPECT_TRUE(mentions(doc.problems, "components nested deeper than 8")) << dump(doc.problems);
  ASSERT_EQ(doc.components.size(), 1u);
  std::size_t depth = 1;
  for (const Component* c = &doc.components[0]; !c->children.empty(); c = &c->children[0]) ++depth;
  EXPECT_EQ(depth, kMaxDepth);
}

TEST(IcalReaderBroken, GarbageYieldsABoundedListOfProblems) {
  std::string garbage;
  for (int i = 0; i < 500; ++i) garbage += std::string("\x01\x02 not ical\0", 12) + "\n";
  const auto doc = parse(garbage);
  EXPECT_TRUE(doc.components.empty());
  EXPECT_EQ(doc.problems.size(), kMaxProblems + 1);
  EXPECT_EQ(doc.problems.back(), "... and 480 more problems");
}

}  // namespace
}  // namespace caldav::ical::ical_reader_test
