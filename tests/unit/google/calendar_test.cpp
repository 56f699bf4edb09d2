// calendar.put / calendar.delete: the mentor's own copy in the mentor's primary calendar, written
// acting as the mentor with the event id derived from the host's uid, so a repeated put updates
// instead of making a second event, a move moves it, a cancellation or a delete removes it, a
// delete of an event that is not there is done, and Google is told to send nobody anything.
#include "google_fixture.h"

#include <set>

namespace lobsync::plugin_host::calendar_test {
namespace {

using nlohmann::json;

const std::string kUid = "m-91.2026-2027@school.test";

json event(const std::string& start = "2027-01-12T14:00:00Z", const std::string& end = "2027-01-12T14:30:00Z",
           bool cancelled = false) {
  return {{"uid", kUid},
          {"sequence", 0},
          {"summary", "Loopbaangesprek met ouders"},
          {"description", "Gesprek over de profielkeuze."},
          {"location", "Lokaal 12"},
          {"start", start},
          {"end", end},
          {"time_zone", "Europe/Amsterdam"},
          {"cancelled", cancelled},
          {"organizer", {{"email", "lob-planner@school.test"}, {"name", "LOB"}}},
          {"attendees",
           {{{"email", "mentor.a@school.test"}, {"name", "A. Jansen"}, {"role", "chair"}},
            {{"email", "ouder@example.test"}, {"name", "Ouder"}, {"role", "required"}},
            {{"email", "leerling@school.test"}, {"name", "Leerling"}, {"role", "optional"}}}}};
}

json put(const json& e = event(), const std::string& calendar = "mentor.a@school.test") {
  return {{"calendar", calendar}, {"uid", kUid}, {"ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}, {"event", e}};
}

class CalendarTest : public GoogleTest {
 protected:
  json events_of(const std::string& user) { return google_.stats()["events"].value(user, json::object()); }
};

TEST_F(CalendarTest, APutWritesOneEventInTheMentorsCalendarWithTheMeetingsFields) {
  auto instance = make(settings());
  const auto r = call(*instance, "calendar.put", put());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0]["action"], "created");
  const auto events = events_of("mentor.a@school.test");
  ASSERT_EQ(events.size(), 1u) << events;
  const json& e = events.begin().value();
  EXPECT_EQ(e["id"], r.docs[0]["event_id"]);
  EXPECT_EQ(e["summary"], "Loopbaangesprek met ouders");
  EXPECT_EQ(e["location"], "Lokaal 12");
  EXPECT_EQ(e["start"], (json{{"dateTime", "2027-01-12T14:00:00Z"}, {"timeZone", "Europe/Amsterdam"}}));
  EXPECT_EQ(e["end"], (json{{"dateTime", "2027-01-12T14:30:00Z"}, {"timeZone", "Europe/Amsterdam"}}));
  ASSERT_EQ(e["attendees"].size(), 3u);
  EXPECT_EQ(e["attendees"][0]["responseStatus"], "accepted");  // the mentor's own calendar
  EXPECT_EQ(e["attendees"][1]["displayName"], "Ouder");
  EXPECT_EQ(e["attendees"][2]["optional"], true);
  EXPECT_TRUE(events_of("mentor.b@school.test").empty());
  // Google sends nobody anything: the host mails the family itself.
  EXPECT_EQ(google_.stats()["send_updates"], json::array({"none"}));
}

TEST_F(CalendarTest, ARepeatedPutUpdatesTheSameEventAndAMoveMovesIt) {
  auto instance = make(settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  const auto again = call(*instance, "calendar.put", put());  // a daemon killed after the first OK
  ASSERT_TRUE(again.result.ok()) << again.result.error;
  EXPECT_EQ(again.docs[0]["action"], "updated");
  auto restarted = make(settings());  // a new instance knows nothing of the first
  const auto moved = call(*restarted, "calendar.put", put(event("2027-01-14T09:00:00Z", "2027-01-14T09:30:00Z")));
  ASSERT_TRUE(moved.result.ok()) << moved.result.error;
  const auto events = events_of("mentor.a@school.test");
  ASSERT_EQ(events.size(), 1u) << events;
  EXPECT_EQ(events.begin().value()["start"]["dateTime"], "2027-01-14T09:00:00Z");
  EXPECT_EQ(events.begin().value()["status"], "confirmed");
  // The stats held in a variable: a range-for over a member of a temporary reads freed memory
  // (until C++23 the temporary dies before the loop; AddressSanitizer found it).
  const auto stats = google_.stats();
  ASSERT_FALSE(stats.at("send_updates").empty());
  for (const auto& v : stats.at("send_updates")) EXPECT_EQ(v, "none");
}

TEST_F(CalendarTest, ACancellationOrADeleteRemovesTheEventAndARepeatIsDone) {
  auto instance = make(settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  const auto cancelled = call(*instance, "calendar.put", put(event("2027-01-12T14:00:00Z", "2027-01-12T14:30:00Z", true)));
  ASSERT_TRUE(cancelled.result.ok()) << cancelled.result.error;
  EXPECT_EQ(cancelled.docs[0]["action"], "deleted");
  EXPECT_EQ(events_of("mentor.a@school.test").begin().value()["status"], "cancelled");
  const json remove{{"calendar", "mentor.a@school.test"}, {"uid", kUid}};
  const auto gone = call(*instance, "calendar.delete", remove);  // Google answers 410
  ASSERT_TRUE(gone.result.ok()) << gone.result.error;
  EXPECT_EQ(gone.docs[0]["action"], "already_gone");
  const auto never = call(*instance, "calendar.delete", json{{"calendar", "mentor.b@school.test"}, {"uid", kUid}});  // 404
  ASSERT_TRUE(never.result.ok()) << never.result.error;
  EXPECT_EQ(never.docs[0]["action"], "already_gone");
  // Planned again after a cancellation: the same id comes back, still one event.
  const auto back = call(*instance, "calendar.put", put());
  ASSERT_TRUE(back.result.ok()) << back.result.error;
  const auto events = events_of("mentor.a@school.test");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events.begin().value()["status"], "confirmed");
}

TEST_F(CalendarTest, CopiesShowTheMentorBusyUnlessTheSchoolAsksForAvailable) {
  // freeBusy then reports them, naming no event: the host knows its own meetings by the mentor
  // and the exact time (planning/busy_reader.h), so they do not block themselves.
  const json busy_request{{"from", "2027-01-11T00:00:00Z"},
                          {"to", "2027-01-13T00:00:00Z"},
                          {"people", {{{"id", "501"}, {"email", "mentor.a@school.test"}}}}};
  auto instance = make(settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  EXPECT_EQ(events_of("mentor.a@school.test").begin().value()["transparency"], "opaque");
  auto r = call(*instance, "busy.read", busy_request);
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0]["start"], "2027-01-12T14:00:00Z");
  EXPECT_FALSE(r.docs[0].contains("uid")) << "freeBusy names no event";
  // Shown as available when the school asks for it: freeBusy leaves it out.
  auto s = settings();
  s["copies_show_as"] = "available";
  auto transparent = make(s);
  ASSERT_TRUE(call(*transparent, "calendar.put", put()).result.ok());
  EXPECT_EQ(events_of("mentor.a@school.test").begin().value()["transparency"], "transparent");
  r = call(*transparent, "busy.read", busy_request);
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_TRUE(r.docs.empty()) << json(r.docs).dump();
}

TEST_F(CalendarTest, EveryUidGetsAnIdGoogleAcceptsAndItsOwnEvent) {
  // The fake refuses an id outside base32hex or 5-1024 long (invalidResourceId), as Google does.
  auto instance = make(settings());
  std::set<std::string> ids;
  const std::vector<std::string> uids{"a", "b", "ab", "m-91@school.test", "m-91@school.tesu", "gesprek-é€-1",
                                      std::string(600, 'x')};
  for (const auto& uid : uids) {
    auto request = put();
    request["uid"] = uid;
    request["event"]["uid"] = uid;
    const auto r = call(*instance, "calendar.put", request);
    ASSERT_TRUE(r.result.ok()) << r.result.error;
    EXPECT_EQ(r.docs[0]["action"], "created") << uid;
    ids.insert(r.docs[0]["event_id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), uids.size());
  EXPECT_EQ(events_of("mentor.a@school.test").size(), uids.size());
}

TEST_F(CalendarTest, BadRequestsNameTheFieldAndWriteNothing) {
  auto instance = make(settings());
  auto no_event = put();
  no_event.erase("event");
  auto r = call(*instance, "calendar.put", no_event);
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument);
  EXPECT_NE(r.result.error.find("/event"), std::string::npos) << r.result.error;
  r = call(*instance, "calendar.put", put(event("2027-01-12T14:00:00Z", "2027-01-12T13:00:00Z")));
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument);
  EXPECT_NE(r.result.error.find("/event/end"), std::string::npos) << r.result.error;
  auto bad_attendee = event();
  bad_attendee["attendees"][1].erase("email");
  r = call(*instance, "calendar.put", put(bad_attendee));
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument);
  EXPECT_NE(r.result.error.find("/event/attendees/1/email"), std::string::npos) << r.result.error;
  r = call(*instance, "calendar.put", put(event(), "mentor a"));
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument);
  EXPECT_NE(r.result.error.find("/calendar"), std::string::npos) << r.result.error;
  auto empty_uid = put();
  empty_uid["uid"] = "";  // would make the id "lob", shorter than Google's 5 (found by google_fuzz)
  r = call(*instance, "calendar.delete", empty_uid);
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument);
  EXPECT_NE(r.result.error.find("/uid"), std::string::npos) << r.result.error;
  auto long_uid = put();
  long_uid["uid"] = std::string(700, 'u');
  r = call(*instance, "calendar.put", long_uid);
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument);
  EXPECT_NE(r.result.error.find("/uid"), std::string::npos) << r.result.error;
  EXPECT_TRUE(google_.stats()["event_calls"].empty());
}

TEST_F(CalendarTest, AMentorOutsideTheDomainOrWithoutDelegationIsReportedClearly) {
  google_.control({{"undelegated_scopes", {"https://www.googleapis.com/auth/calendar.events"}}});
  auto instance = make(settings());
  auto r = call(*instance, "calendar.put", put());
  EXPECT_EQ(r.result.status, CallStatus::auth) << r.result.error;
  EXPECT_NE(r.result.error.find("domain-wide delegation"), std::string::npos) << r.result.error;
  EXPECT_NE(r.result.error.find("calendar.events"), std::string::npos) << r.result.error;
  EXPECT_NE(r.result.error.find("mentor.a@school.test"), std::string::npos) << r.result.error;
  google_.control({{"undelegated_scopes", json::array()}});
  r = call(*instance, "calendar.put", put(event(), "gast@elders.test"));  // not a user the account may act as
  EXPECT_EQ(r.result.status, CallStatus::auth) << r.result.error;
  EXPECT_NE(r.result.error.find("gast@elders.test"), std::string::npos) << r.result.error;
}

TEST_F(CalendarTest, ThrottlingIsWaitedOutAndALastingRateLimitIsTemporary) {
  google_.control({{"throttle", 1}});
  auto instance = make(settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  EXPECT_EQ(google_.stats()["throttled"], 1);
  google_.control({{"rate_limit_403", 20}});
  const auto r = call(*instance, "calendar.delete", json{{"calendar", "mentor.a@school.test"}, {"uid", kUid}});
  EXPECT_EQ(r.result.status, CallStatus::unavailable) << r.result.error;
  EXPECT_NE(r.result.error.find("rate limit"), std::string::npos) << r.result.error;
}

}  // namespace
}  // namespace lobsync::plugin_host::calendar_test
