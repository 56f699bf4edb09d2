// calendar.put and calendar.delete through Graph events: the mentor's copy is created once,
// carries the host's uid (an extended property) and no attendees (so Exchange sends no meeting
// requests), is updated in place on a move, is never created twice (a repeated put, a lost
// answer, a restarted daemon), and is removed on a cancellation or a delete; Graph's refusals
// become messages that name the permission and the mailbox.
#include "microsoft365_fixture.h"

namespace lobsync::plugin_host::calendar_write_test {
namespace {

using nlohmann::json;

constexpr const char* kMentor = "mentor.a@school.test";
constexpr const char* kUid = "m-1@school.test";
constexpr const char* kProperty = "String {9c1d1a58-0852-4f45-98a0-e5e11a3db43b} Name lobsync-uid";

json event(int sequence = 0, const std::string& start = "2027-01-12T14:00:00Z", const std::string& end = "2027-01-12T14:20:00Z") {
  return {{"uid", kUid},
          {"sequence", sequence},
          {"summary", "Oudergesprek – Emre Özdemir"},
          {"description", "Er staat een gesprek met Emre voor je ingepland."},
          {"location", "Lokaal 12"},
          {"start", start},
          {"end", end},
          {"time_zone", "Europe/Amsterdam"},
          {"cancelled", false},
          {"organizer", {{"email", "lob@school.test"}, {"name", "LOB"}}},
          {"attendees",
           {{{"email", kMentor}, {"name", "A. Jansen"}, {"role", "required"}},
            {{"email", "ozdemir@home.test"}, {"name", "Fam. Özdemir"}, {"role", "required"}}}}};
}

json put(const json& e = event()) { return {{"calendar", kMentor}, {"uid", kUid}, {"ics", "BEGIN:VCALENDAR…"}, {"event", e}}; }

class CalendarWriteTest : public Microsoft365Test {
 protected:
  json writer_settings() const {
    auto s = settings();
    s["calendar_writes"] = true;
    return s;
  }
  json events() const { return graph_.stats()["events"].value(kMentor, json::array()); }
  json calls() const { return graph_.stats()["event_calls"]; }
  static std::string uid_of(const json& e) {
    for (const auto& p : e.value("singleValueExtendedProperties", json::array()))
      if (p["id"] == kProperty) return p["value"];
    return {};
  }
};

TEST_F(CalendarWriteTest, APutCreatesOneEventWithTheUidTheFieldsAndNoAttendees) {
  auto instance = make(writer_settings());
  const auto r = call(*instance, "calendar.put", put());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0]["created"], true);
  const auto stored = events();
  ASSERT_EQ(stored.size(), 1u);
  const auto& e = stored[0];
  EXPECT_EQ(r.docs[0]["event_id"], e["id"]);
  EXPECT_EQ(uid_of(e), kUid);
  EXPECT_EQ(e["subject"], "Oudergesprek – Emre Özdemir");
  EXPECT_EQ(e["start"], (json{{"dateTime", "2027-01-12T14:00:00"}, {"timeZone", "UTC"}}));
  EXPECT_EQ(e["end"], (json{{"dateTime", "2027-01-12T14:20:00"}, {"timeZone", "UTC"}}));
  EXPECT_EQ(e["location"]["displayName"], "Lokaal 12");
  EXPECT_EQ(e["showAs"], "busy");
  EXPECT_EQ(e["body"]["contentType"], "text");
  const std::string body = e["body"]["content"];
  EXPECT_NE(body.find("Er staat een gesprek met Emre"), std::string::npos) << body;
  // The family is listed as text; the mentor (whose calendar this is) is not.
  EXPECT_NE(body.find("Deelnemers:\n- Fam. Özdemir <ozdemir@home.test>"), std::string::npos) << body;
  EXPECT_EQ(body.find(kMentor), std::string::npos) << body;
  EXPECT_FALSE(e.contains("attendees")) << e.dump();
  EXPECT_EQ(calls()["invitations"], 0);
  EXPECT_TRUE(e["transactionId"].get<std::string>().starts_with("lobsync-")) << e.dump();
}

TEST_F(CalendarWriteTest, AMoveUpdatesTheSameEvent) {
  auto instance = make(writer_settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  const std::string id = events()[0]["id"];
  const auto moved = call(*instance, "calendar.put", put(event(1, "2027-01-13T15:00:00Z", "2027-01-13T15:20:00Z")));
  ASSERT_TRUE(moved.result.ok()) << moved.result.error;
  EXPECT_EQ(moved.docs[0], (json{{"event_id", id}, {"created", false}}));
  const auto stored = events();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0]["id"], id);
  EXPECT_EQ(stored[0]["start"]["dateTime"], "2027-01-13T15:00:00");
  EXPECT_EQ(calls()["create"], 1);
  EXPECT_EQ(calls()["patch"], 1);
}

TEST_F(CalendarWriteTest, TheSamePutTwiceLeavesOneEvent) {
  auto instance = make(writer_settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  auto restarted = make(writer_settings());  // a daemon killed after the OK delivers it again
  ASSERT_TRUE(call(*restarted, "calendar.put", put()).result.ok());
  EXPECT_EQ(events().size(), 1u);
  EXPECT_EQ(calls()["create"], 1);
}

TEST_F(CalendarWriteTest, ALostCreateAnswerIsSentAgainWithTheSameTransactionIdAndMakesNoSecondEvent) {
  graph_.control({{"lose_event_response", 1}});  // created, but the answer is a 504
  auto instance = make(writer_settings());
  const auto r = call(*instance, "calendar.put", put());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(calls()["create"], 2);  // the host repeated the POST: Graph answered with the first event
  ASSERT_EQ(events().size(), 1u);
  EXPECT_EQ(r.docs[0]["event_id"], events()[0]["id"]);
}

TEST_F(CalendarWriteTest, AnOutboxRetryAfterLostAnswersFindsTheEventByItsUid) {
  graph_.control({{"lose_event_response", 4}});  // every attempt of the host's retries is lost
  auto instance = make(writer_settings());
  const auto first = call(*instance, "calendar.put", put());
  EXPECT_EQ(first.result.status, CallStatus::unavailable) << first.result.error;
  ASSERT_EQ(events().size(), 1u);
  auto restarted = make(writer_settings());
  const auto retry = call(*restarted, "calendar.put", put());
  ASSERT_TRUE(retry.result.ok()) << retry.result.error;
  EXPECT_EQ(retry.docs[0]["created"], false);
  EXPECT_EQ(events().size(), 1u);
}

TEST_F(CalendarWriteTest, TwoCopiesOfOneUidBecomeOne) {
  // Copies made elsewhere (say before the first was visible); the search reads them page by page.
  const json copy{{"subject", "old"},
                  {"singleValueExtendedProperties", {{{"id", kProperty}, {"value", kUid}}}}};
  graph_.control({{"seed_events", {{kMentor, {copy, copy}}}}});
  auto instance = make(writer_settings());
  const auto r = call(*instance, "calendar.put", put());
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(r.docs[0]["removed_duplicates"], 1);
  const auto stored = events();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0]["subject"], "Oudergesprek – Emre Özdemir");
  EXPECT_EQ(calls()["create"], 0);
}

TEST_F(CalendarWriteTest, ANextPageOutsideGraphIsNotFollowedWithTheToken) {
  const json copy{{"subject", "old"}, {"singleValueExtendedProperties", {{{"id", kProperty}, {"value", kUid}}}}};
  graph_.control({{"seed_events", {{kMentor, {copy, copy}}}}, {"event_link_base", "http://127.0.0.2:9"}});
  auto instance = make(writer_settings());
  const auto r = call(*instance, "calendar.put", put());
  EXPECT_EQ(r.result.status, CallStatus::unavailable) << r.result.error;
  EXPECT_NE(r.result.error.find("next page outside graph_url"), std::string::npos) << r.result.error;
  EXPECT_EQ(calls()["patch"], 0);
}

TEST_F(CalendarWriteTest, AUidDifferingOnlyInCaseIsAnotherMeeting) {
  // Graph compares the value case-insensitively; the plugin reads the value back and compares it.
  graph_.control({{"seed_events",
                   {{kMentor, {{{"subject", "other"},
                                {"singleValueExtendedProperties", {{{"id", kProperty}, {"value", "M-1@SCHOOL.TEST"}}}}}}}}}});
  auto instance = make(writer_settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  const auto stored = events();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0]["subject"], "other");
}

TEST_F(CalendarWriteTest, ATransactionIdUsedForOtherContentWithoutTheUidIsRetriedLater) {
  // An event with this version's transactionId but without the uid (someone removed it): Graph
  // refuses the create, and nothing can be updated.
  auto instance = make(writer_settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  const std::string tid = events()[0]["transactionId"];
  ASSERT_TRUE(call(*instance, "calendar.delete", {{"calendar", kMentor}, {"uid", kUid}}).result.ok());
  graph_.control({{"seed_events", {{kMentor, {{{"subject", "hand-made"}, {"transactionId", tid}}}}}}});
  const auto r = call(*instance, "calendar.put", put());
  EXPECT_EQ(r.result.status, CallStatus::unavailable) << r.result.error;
  EXPECT_NE(r.result.error.find("transactionId made an event already"), std::string::npos) << r.result.error;
  EXPECT_EQ(events().size(), 1u);
}

TEST_F(CalendarWriteTest, AnEventTheMentorDeletedIsCreatedAgainOnTheNextVersion) {
  auto instance = make(writer_settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  ASSERT_TRUE(call(*instance, "calendar.delete", {{"calendar", kMentor}, {"uid", kUid}}).result.ok());
  const auto r = call(*instance, "calendar.put", put(event(1, "2027-01-13T15:00:00Z", "2027-01-13T15:20:00Z")));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(r.docs[0]["created"], true);
  EXPECT_EQ(events().size(), 1u);
}

TEST_F(CalendarWriteTest, ACancelledEventAndADeleteRemoveTheCopyAndAlreadyGoneIsDone) {
  auto instance = make(writer_settings());
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  auto cancelled = event(1);
  cancelled["cancelled"] = true;
  const auto r = call(*instance, "calendar.put", put(cancelled));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(r.docs[0], (json{{"deleted", true}}));
  EXPECT_TRUE(events().empty());
  const auto again = call(*instance, "calendar.delete", {{"calendar", kMentor}, {"uid", kUid}});
  ASSERT_TRUE(again.result.ok()) << again.result.error;
  EXPECT_EQ(again.docs[0], (json{{"deleted", false}}));
}

TEST_F(CalendarWriteTest, ThrottlingIsWaitedOutAndARevokedTokenRenewed) {
  auto instance = make(writer_settings());
  graph_.control({{"throttle", 2}});
  ASSERT_TRUE(call(*instance, "calendar.put", put()).result.ok());
  EXPECT_EQ(graph_.stats()["throttled"], 2);
  ASSERT_GE(waits_.size(), 2u);
  EXPECT_EQ(waits_[0], std::chrono::seconds(1));
  graph_.control({{"revoke_all", true}});
  ASSERT_TRUE(call(*instance, "calendar.delete", {{"calendar", kMentor}, {"uid", kUid}}).result.ok());
  EXPECT_EQ(graph_.stats()["token"]["issued"], 2);
  EXPECT_TRUE(events().empty());
}

TEST_F(CalendarWriteTest, AMissingPermissionNamesItAndTheMailbox) {
  graph_.control({{"deny", "Calendars.ReadWrite"}});
  auto instance = make(writer_settings());
  const auto r = call(*instance, "calendar.put", put());
  EXPECT_EQ(r.result.status, CallStatus::permanent) << r.result.error;
  EXPECT_NE(r.result.error.find("the app has no Calendars.ReadWrite permission for mailbox mentor.a@school.test"),
            std::string::npos)
      << r.result.error;
}

TEST_F(CalendarWriteTest, AnUnknownMailboxIsPermanent) {
  auto instance = make(writer_settings());
  auto request = put();
  request["calendar"] = "nobody@school.test";
  const auto r = call(*instance, "calendar.put", request);
  EXPECT_EQ(r.result.status, CallStatus::permanent) << r.result.error;
  EXPECT_NE(r.result.error.find("mailbox nobody@school.test not found"), std::string::npos) << r.result.error;
}

TEST_F(CalendarWriteTest, WithoutTheSettingCalendarWritesAreAConfigurationMatter) {
  auto instance = make(settings());
  const auto r = call(*instance, "calendar.put", put());
  EXPECT_EQ(r.result.status, CallStatus::config) << r.result.error;
  EXPECT_NE(r.result.error.find("calendar_writes"), std::string::npos) << r.result.error;
  EXPECT_EQ(calls()["list"], 0);
}

TEST_F(CalendarWriteTest, BrokenRequestsNameTheFieldAndCallNothing) {
  auto instance = make(writer_settings());
  auto without_event = put();
  without_event.erase("event");
  auto backwards = put(event(0, "2027-01-12T14:00:00Z", "2027-01-12T13:00:00Z"));
  auto local_time = put(event(0, "2027-01-12T14:00:00", "2027-01-12T15:00:00Z"));
  auto other_uid = put();
  other_uid["event"]["uid"] = "m-2@school.test";
  auto attendees = put();
  attendees["event"]["attendees"] = {"ozdemir@home.test"};
  auto calendar = put();
  calendar["calendar"] = "A. Jansen";
  const std::vector<std::pair<json, std::string>> cases{{without_event, "/event: missing"},
                                                        {backwards, "/event/end: must be after /event/start"},
                                                        {local_time, "/event/start: must be a UTC time"},
                                                        {other_uid, "/event/uid: differs from /uid"},
                                                        {attendees, "/event/attendees/0: must be an object"},
                                                        {calendar, "/calendar: must be the mentor's address"},
                                                        {json::array(), "the request must be an object"}};
  for (const auto& [request, expected] : cases) {
    const auto r = call(*instance, "calendar.put", request);
    EXPECT_EQ(r.result.status, CallStatus::invalid_argument) << request.dump();
    EXPECT_NE(r.result.error.find(expected), std::string::npos) << r.result.error;
  }
  EXPECT_EQ(call(*instance, "calendar.delete", {{"calendar", kMentor}}).result.status, CallStatus::invalid_argument);
  EXPECT_EQ(calls()["list"], 0);
}

}  // namespace
}  // namespace lobsync::plugin_host::calendar_write_test
