// lobsync/busy_request.hpp: the busy.read request every timetable plugin checks the same way,
// and vendor date-times (offsets, "Z", local school time across the clock changes) as UTC.
#include <lobsync/busy_request.hpp>

#include <gtest/gtest.h>

namespace lobsync::sdk::busy_request_test {
namespace {

using nlohmann::json;

const date::time_zone* amsterdam() { return date::locate_zone("Europe/Amsterdam"); }

std::string utc(std::string_view text) {
  const auto parsed = parse_instant(text, amsterdam());
  return parsed.instant ? format_utc_instant(*parsed.instant) : "(none)";
}

TEST(BusyInstant, OffsetsAndZuluBecomeUtc) {
  EXPECT_EQ(utc("2026-10-19T08:30:00.000+02:00"), "2026-10-19T06:30:00Z");
  EXPECT_EQ(utc("2026-10-26T08:30:00+01:00"), "2026-10-26T07:30:00Z");
  EXPECT_EQ(utc("2026-10-26T08:30:00+0100"), "2026-10-26T07:30:00Z");
  EXPECT_EQ(utc("2026-10-26T02:30:00-05:30"), "2026-10-26T08:00:00Z");
  EXPECT_EQ(utc("2026-10-26T07:30:00.1234567Z"), "2026-10-26T07:30:00Z");
  EXPECT_EQ(utc("2026-10-26 07:30Z"), "2026-10-26T07:30:00Z");
}

TEST(BusyInstant, WithoutAZoneItIsSchoolTimeAcrossTheClockChanges) {
  EXPECT_EQ(utc("2026-10-24T08:30:00"), "2026-10-24T06:30:00Z");  // summer time
  EXPECT_EQ(utc("2026-10-26T08:30"), "2026-10-26T07:30:00Z");     // winter time
  EXPECT_EQ(utc("2026-10-25T02:30:00"), "2026-10-25T00:30:00Z");  // twice that night: the first
  EXPECT_EQ(utc("2027-03-28T01:59:00"), "2027-03-28T00:59:00Z");
  EXPECT_EQ(utc("2027-03-28T03:00:00"), "2027-03-28T01:00:00Z");
  const auto gap = parse_instant("2027-03-28T02:30:00", amsterdam());  // never shown on a clock
  EXPECT_FALSE(gap.instant);
  EXPECT_EQ(gap.issue, LocalTimeIssue::nonexistent);
}

TEST(BusyInstant, MalformedTextHasNoInstant) {
  for (const char* text : {"", "2026-10-26", "2026-10-26T", "2026-10-26T8:30", "2026-13-01T08:00:00Z",
                           "2026-02-30T08:00:00Z", "2026-10-26T24:00:00Z", "2026-10-26T08:60Z", "2026-10-26T08:30:00+1",
                           "2026-10-26T08:30:00+01:00x", "2026-10-26T08:30:00.Z", "26-10-2026T08:30:00Z", "maandag"}) {
    const auto parsed = parse_instant(text, amsterdam());
    EXPECT_FALSE(parsed.instant) << text;
    EXPECT_EQ(parsed.issue, LocalTimeIssue::malformed) << text;
  }
}

TEST(BusyInstant, RequestTimesMustBeUtc) {
  EXPECT_TRUE(parse_utc_instant("2026-10-19T00:00:00Z"));
  EXPECT_TRUE(parse_utc_instant("2026-10-19T00:00:00.5Z"));
  EXPECT_FALSE(parse_utc_instant("2026-10-19T00:00:00+00:00"));
  EXPECT_FALSE(parse_utc_instant("2026-10-19 00:00:00Z"));
  EXPECT_FALSE(parse_utc_instant("2026-10-19T00:00:00"));
}

std::string refusal(const json& request) {
  try {
    parse_busy_request(request);
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_INVALID_ARGUMENT);
    return e.what();
  }
  return "(accepted)";
}

TEST(BusyRequest, ReadsPeopleWithOptionalFields) {
  const auto r = parse_busy_request({{"from", "2026-10-19T00:00:00Z"},
                                     {"to", "2026-11-02T00:00:00Z"},
                                     {"people", {{{"id", "a"}, {"source_id", "501"}, {"abbreviation", "JAN"}, {"email", nullptr}},
                                                 {{"id", "b"}, {"calendar", "x"}}}}});
  ASSERT_EQ(r.people.size(), 2u);
  EXPECT_EQ(r.people[0].source_id, "501");
  EXPECT_EQ(r.people[0].abbreviation, "JAN");
  EXPECT_EQ(r.people[1].source_id, "");
  EXPECT_EQ(format_utc_instant(r.to), "2026-11-02T00:00:00Z");
}

TEST(BusyRequest, RefusalsNameTheField) {
  const json ok_people = json::array({{{"id", "a"}}});
  EXPECT_NE(refusal("text").find("request: must be an object"), std::string::npos);
  EXPECT_NE(refusal({{"to", "2026-10-19T00:00:00Z"}, {"people", ok_people}}).find("from: "), std::string::npos);
  EXPECT_NE(refusal({{"from", "2026-10-19T00:00:00Z"}, {"to", 5}, {"people", ok_people}}).find("to: "), std::string::npos);
  EXPECT_NE(refusal({{"from", "2026-10-19T00:00:00Z"}, {"to", "2026-10-18T00:00:00Z"}, {"people", ok_people}})
                .find("to: must be after from"),
            std::string::npos);
  EXPECT_NE(refusal({{"from", "2026-01-01T00:00:00Z"}, {"to", "2028-01-01T00:00:00Z"}, {"people", ok_people}})
                .find("at most 400 days"),
            std::string::npos);
  EXPECT_NE(refusal({{"from", "2026-10-19T00:00:00Z"}, {"to", "2026-10-20T00:00:00Z"}, {"people", json::object()}})
                .find("people: must be a list"),
            std::string::npos);
  EXPECT_NE(refusal({{"from", "2026-10-19T00:00:00Z"}, {"to", "2026-10-20T00:00:00Z"}, {"people", {1}}}).find("people/0: "),
            std::string::npos);
  EXPECT_NE(refusal({{"from", "2026-10-19T00:00:00Z"}, {"to", "2026-10-20T00:00:00Z"}, {"people", {{{"id", "a"}}, {{"id", 3}}}}})
                .find("people/1/id: must be a string"),
            std::string::npos);
  EXPECT_NE(refusal({{"from", "2026-10-19T00:00:00Z"}, {"to", "2026-10-20T00:00:00Z"},
                     {"people", {{{"id", "a"}, {"abbreviation", json::array()}}}}})
                .find("people/0/abbreviation: must be a string"),
            std::string::npos);
}

}  // namespace
}  // namespace lobsync::sdk::busy_request_test
