// WebDAV multistatus answers as servers write them (any prefixes, CDATA, propstat per status),
// and answers that are not multistatus at all.
#include "caldav/multistatus.hpp"

#include <gtest/gtest.h>

namespace caldav::multistatus_test {
namespace {

TEST(Multistatus, ReadsRadicalesAnswer) {
  const auto m = parse_multistatus(
      "<?xml version='1.0' encoding='utf-8'?>\n"
      "<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><response><href>/mentor/lob/a%40x.ics</href>"
      "<propstat><prop><getetag>\"07f6\"</getetag><C:calendar-data>BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n</C:calendar-data>"
      "</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>");
  ASSERT_TRUE(m.error.empty()) << m.error;
  ASSERT_EQ(m.resources.size(), 1u);
  EXPECT_EQ(m.resources[0].href, "/mentor/lob/a%40x.ics");
  EXPECT_EQ(m.resources[0].status, 200);
  EXPECT_EQ(m.resources[0].etag, "\"07f6\"");
  EXPECT_EQ(m.resources[0].calendar_data, "BEGIN:VCALENDAR\nEND:VCALENDAR\n");  // XML normalises line ends
}

TEST(Multistatus, ReadsOtherPrefixesCdataAndMissingProperties) {
  const auto m = parse_multistatus(
      "<d:multistatus xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">"
      "<d:response><d:href> /cal/1.ics </d:href>"
      "<d:propstat><d:prop><d:getetag>\"1\"</d:getetag><cal:calendar-data><![CDATA[BEGIN:VCALENDAR<&>]]></cal:calendar-data>"
      "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
      "<d:propstat><d:prop><cal:schedule-tag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>"
      "</d:response>"
      "<d:response><d:href>/cal/gone.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>"
      "</d:multistatus>");
  ASSERT_TRUE(m.error.empty()) << m.error;
  ASSERT_EQ(m.resources.size(), 2u);
  EXPECT_EQ(m.resources[0].href, "/cal/1.ics");
  EXPECT_EQ(m.resources[0].status, 200);
  EXPECT_EQ(m.resources[0].calendar_data, "BEGIN:VCALENDAR<&>");
  EXPECT_EQ(m.resources[1].status, 404);
  EXPECT_FALSE(m.resources[1].etag.has_value());
  EXPECT_FALSE(m.resources[1].calendar_data.has_value());
}

TEST(MultistatusBroken, AnswersThatAreNotMultistatus) {
  EXPECT_EQ(parse_multistatus("").error, "the server's multistatus answer is not well-formed XML");
  EXPECT_EQ(parse_multistatus("<html><body>Bad Gateway</body></html>").error,
            "the server answered with XML that is not a multistatus document");
  EXPECT_EQ(parse_multistatus("<multistatus xmlns=\"DAV:\"><response><href>/a</href>").error,
            "the server's multistatus answer is not well-formed XML");
  EXPECT_EQ(parse_multistatus("Service Unavailable").error, "the server's multistatus answer is not well-formed XML");
  // Elements in odd places are ignored, not crashed on.
  const auto odd = parse_multistatus("<multistatus><response/><response><propstat><status>junk</status></propstat>"
                                     "</response>text</multistatus>");
  ASSERT_TRUE(odd.error.empty());
  ASSERT_EQ(odd.resources.size(), 2u);
  EXPECT_EQ(odd.resources[1].status, 0);
}

TEST(MultistatusBroken, DeepNestingDoesNotExhaustTheStack) {
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "<a>";
  for (int i = 0; i < 200000; ++i) deep += "</a>";
  EXPECT_FALSE(has_condition("<error xmlns=\"DAV:\">" + deep + "</error>", "no-uid-conflict"));
  EXPECT_FALSE(parse_multistatus(deep).error.empty());
}

TEST(Multistatus, FindsPreconditionsInErrorBodies) {
  const std::string conflict =
      "<?xml version='1.0' encoding='utf-8'?>\n<error xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
      "<C:no-uid-conflict /></error>";
  EXPECT_TRUE(has_condition(conflict, "no-uid-conflict"));
  EXPECT_FALSE(has_condition(conflict, "resource-must-be-null"));
  EXPECT_FALSE(has_condition("Conflict in the request.", "no-uid-conflict"));
}

TEST(Multistatus, StatusLines) {
  EXPECT_EQ(status_of_line("HTTP/1.1 207 Multi-Status"), 207);
  EXPECT_EQ(status_of_line("HTTP/1.1 404"), 404);
  EXPECT_EQ(status_of_line("HTTP/1.1 2x7 Odd"), 0);
  EXPECT_EQ(status_of_line(""), 0);
  EXPECT_EQ(status_of_line("HTTP/1.1"), 0);
}

// Found by tests/fuzz/multistatus: signs, leading zeros and longer numbers were read as statuses.
TEST(Multistatus, StatusLinesWithoutAThreeDigitCodeAreUnreadable) {
  EXPECT_EQ(status_of_line("HTTP/1.1 -12 Odd"), 0);
  EXPECT_EQ(status_of_line("HTTP/1.1 0144 Not Found"), 0);
  EXPECT_EQ(status_of_line("HTTP/1.1 014 Odd"), 0);
  EXPECT_EQ(status_of_line("HTTP/1.1 2000 OK"), 0);
  EXPECT_EQ(status_of_line("HTTP/1.1 200OK"), 0);
  EXPECT_EQ(status_of_line("HTTP/1.1 999 Odd"), 999);
}

}  // namespace
}  // namespace caldav::multistatus_test
