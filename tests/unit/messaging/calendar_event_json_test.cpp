#include "messaging/calendar_event_json.h"

#include "core/iso_time.h"

#include <gtest/gtest.h>

namespace lobsync::messaging::calendar_event_json_test {
namespace {

CalendarEvent an_event() {
  CalendarEvent e;
  e.uid = "m-1@school.example";
  e.sequence = 3;
  e.start = *parse_iso_utc("2027-03-28T00:30:00Z");  // the night clocks go forward in Amsterdam
  e.end = *parse_iso_utc("2027-03-28T01:30:00Z");
  e.summary = "Loopbaangesprek";
  e.location = "Lokaal 12";
  e.organizer = {"lob@school.example", "Stedelijk College"};
  e.attendees.push_back({"mentor@school.example", "M. Mentor", AttendeeRole::chair});
  e.attendees.push_back({"ouder@home.example", "P. Ouder", AttendeeRole::required});
  e.attendees.push_back({"extra@school.example", "", AttendeeRole::non_participant});
  return e;
}

TEST(CalendarEventJson, CarriesTheSameFactsAsTheICalendarObjectInUtc) {
  const auto json = calendar_event_json(an_event(), "Europe/Amsterdam");
  EXPECT_EQ(json["uid"], "m-1@school.example");
  EXPECT_EQ(json["sequence"], 3);
  EXPECT_EQ(json["start"], "2027-03-28T00:30:00Z");
  EXPECT_EQ(json["end"], "2027-03-28T01:30:00Z");
  EXPECT_EQ(json["time_zone"], "Europe/Amsterdam");
  EXPECT_EQ(json["summary"], "Loopbaangesprek");
  EXPECT_EQ(json["location"], "Lokaal 12");
  EXPECT_EQ(json["cancelled"], false);
  EXPECT_EQ(json["organizer"]["email"], "lob@school.example");
  ASSERT_EQ(json["attendees"].size(), 3u);
  EXPECT_EQ(json["attendees"][0]["role"], "chair");
  EXPECT_EQ(json["attendees"][1]["email"], "ouder@home.example");
  EXPECT_EQ(json["attendees"][2]["role"], "non-participant");
}

TEST(CalendarEventJson, LeavesOutEmptyTextAndOrganizer) {
  auto e = an_event();
  e.location.clear();
  e.organizer = {};
  e.attendees.clear();
  e.cancelled = true;
  const auto json = calendar_event_json(e, "Europe/Amsterdam");
  EXPECT_FALSE(json.contains("location"));
  EXPECT_FALSE(json.contains("description"));
  EXPECT_FALSE(json.contains("organizer"));
  EXPECT_TRUE(json["attendees"].empty());
  EXPECT_EQ(json["cancelled"], true);
}

}  // namespace
}  // namespace lobsync::messaging::calendar_event_json_test
