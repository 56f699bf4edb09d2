// busy.read through the Calendar API's freeBusy: busy intervals become UTC busy times clipped to
// the window; a calendar Google cannot read (notFound) is an error for that person only; at most
// 50 calendars and at most 60 days per query; throttling is waited out; a scope without
// domain-wide delegation and a calendar answer in an odd shape are reported clearly.
#include "google_fixture.h"

namespace lobsync::plugin_host::google_busy_read_test {
namespace {

using nlohmann::json;

json person(const std::string& id, const std::string& email) {
  return {{"id", id}, {"source", "magister"}, {"source_id", id}, {"email", email}};
}

json request(const json& people, const std::string& from = "2026-12-07T00:00:00Z",
             const std::string& to = "2026-12-12T00:00:00Z") {
  return {{"from", from}, {"to", to}, {"people", people}};
}

class GoogleBusyReadTest : public GoogleTest {};

TEST_F(GoogleBusyReadTest, BusyIntervalsBecomeBusyTimesInUtc) {
  google_.control({{"busy",
                    {{"mentor.a@school.test",
                      {{{"start", "2026-12-07T08:30:00Z"}, {"end", "2026-12-07T09:20:00Z"}},
                       {{"start", "2026-12-08T12:00:00Z"}, {"end", "2026-12-08T13:00:00Z"}},
                       {{"start", "2026-12-11T23:00:00Z"}, {"end", "2026-12-12T01:00:00Z"}},
                       {{"start", "2026-12-20T08:00:00Z"}, {"end", "2026-12-20T09:00:00Z"}}}}}}});
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read", request(json::array({person("501", "Mentor.A@school.test")})));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  const std::vector<json> expected{
      {{"person", "501"}, {"start", "2026-12-07T08:30:00Z"}, {"end", "2026-12-07T09:20:00Z"}},
      {{"person", "501"}, {"start", "2026-12-08T12:00:00Z"}, {"end", "2026-12-08T13:00:00Z"}},
      {{"person", "501"}, {"start", "2026-12-11T23:00:00Z"}, {"end", "2026-12-12T00:00:00Z"}},  // clipped to the window
  };
  EXPECT_EQ(r.docs, expected);
  // Asked as the LOB mailbox, with the free/busy scope only.
  EXPECT_EQ(google_.stats()["token"]["issued"], 1);
}

TEST_F(GoogleBusyReadTest, ACalendarGoogleCannotReadIsAnErrorForThatPersonOnly) {
  google_.control({{"busy", {{"mentor.a@school.test", {{{"start", "2026-12-07T08:30:00Z"}, {"end", "2026-12-07T09:00:00Z"}}}}}},
                   {"not_found", {"mentor.b@school.test"}}});
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read",
                      request(json::array({person("501", "mentor.a@school.test"), person("502", "mentor.b@school.test"),
                                           json{{"id", "503"}, {"source", "magister"}}})));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  int busy = 0, errors = 0;
  for (const auto& d : r.docs) {
    if (d.contains("error")) {
      ++errors;
      EXPECT_TRUE(d["person"] == "502" || d["person"] == "503") << d;
      const std::string expected = d["person"] == "502" ? "notFound" : "no e-mail address";
      EXPECT_NE(d["error"].get<std::string>().find(expected), std::string::npos) << d;
    } else {
      ++busy;
      EXPECT_EQ(d["person"], "501");
    }
  }
  EXPECT_EQ(busy, 1);
  EXPECT_EQ(errors, 2);
}

TEST_F(GoogleBusyReadTest, AtMostFiftyCalendarsPerQuery) {
  json people = json::array();
  for (int i = 0; i < 120; ++i) people.push_back(person(std::to_string(i), "t" + std::to_string(i) + "@school.test"));
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read", request(people));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(google_.stats()["freebusy_batches"], json::array({50, 50, 20}));
  EXPECT_EQ(r.docs.size(), 120u);  // none of them is a user of the fake domain: an error each
}

TEST_F(GoogleBusyReadTest, ALongWindowIsAskedInPiecesOfAtMostSixtyDays) {
  google_.control({{"busy", {{"mentor.a@school.test", {{{"start", "2027-02-25T08:00:00Z"}, {"end", "2027-03-05T08:00:00Z"}}}}}}});
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read",
                      request(json::array({person("501", "mentor.a@school.test")}), "2027-01-01T00:00:00Z", "2027-06-01T00:00:00Z"));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  const auto days = google_.stats()["freebusy_days"];
  ASSERT_EQ(days.size(), 3u) << days;  // 151 days: 60 + 60 + 31
  for (const auto& d : days) EXPECT_LE(d.get<double>(), 60.0);
  // An interval across a piece's edge arrives in two parts that meet.
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0]["start"], "2027-02-25T08:00:00Z");
  EXPECT_EQ(r.docs[0]["end"], r.docs[1]["start"]);
  EXPECT_EQ(r.docs[1]["end"], "2027-03-05T08:00:00Z");
}

TEST_F(GoogleBusyReadTest, ThrottlingIsWaitedOutWithRetryAfter) {
  google_.control({{"throttle", 2}});
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read", request(json::array({person("501", "mentor.a@school.test")})));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(google_.stats()["throttled"], 2);
  const auto w = waits();
  ASSERT_GE(w.size(), 2u);
  EXPECT_EQ(w[0], std::chrono::seconds(1));  // Retry-After: 1
}

TEST_F(GoogleBusyReadTest, ARateLimitAnsweredWith403IsWaitedOutAndTemporaryWhenItLasts) {
  google_.control({{"rate_limit_403", 2}});
  auto instance = make(settings());
  const auto people = json::array({person("501", "mentor.a@school.test")});
  const auto r = call(*instance, "busy.read", request(people));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(google_.stats()["throttled"], 2);
  EXPECT_FALSE(waits().empty());  // the second attempt came after a backoff
  google_.control({{"rate_limit_403", 20}});
  const auto lasting = call(*instance, "busy.read", request(people));
  EXPECT_EQ(lasting.result.status, CallStatus::unavailable) << lasting.result.error;
  EXPECT_NE(lasting.result.error.find("userRateLimitExceeded"), std::string::npos) << lasting.result.error;
  EXPECT_EQ(google_.stats()["throttled"], 2 + 5);  // one attempt, then four with backoff
}

TEST_F(GoogleBusyReadTest, AScopeWithoutDomainWideDelegationSaysSoAndNamesTheScope) {
  google_.control({{"undelegated_scopes", {"https://www.googleapis.com/auth/calendar.freebusy"}}});
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read", request(json::array({person("501", "mentor.a@school.test")})));
  EXPECT_EQ(r.result.status, CallStatus::auth) << r.result.error;
  EXPECT_NE(r.result.error.find("unauthorized_client"), std::string::npos) << r.result.error;
  EXPECT_NE(r.result.error.find("domain-wide delegation"), std::string::npos) << r.result.error;
  EXPECT_NE(r.result.error.find("https://www.googleapis.com/auth/calendar.freebusy"), std::string::npos) << r.result.error;
}

TEST_F(GoogleBusyReadTest, ARevokedTokenIsRenewedOnce) {
  auto instance = make(settings());
  const auto people = json::array({person("501", "mentor.a@school.test")});
  ASSERT_TRUE(call(*instance, "busy.read", request(people)).result.ok());
  google_.control({{"revoke_all", true}});
  const auto r = call(*instance, "busy.read", request(people));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  EXPECT_EQ(google_.stats()["token"]["issued"], 2);
  EXPECT_EQ(google_.stats()["unauthorized"], 1);
}

TEST_F(GoogleBusyReadTest, OddIntervalsAreSkippedWithAProblemAndTheRestIsRead) {
  google_.control({{"raw_calendars",
                    {{"mentor.a@school.test",
                      {{"busy",
                        {{{"start", "2026-12-07T08:00:00+01:00"}, {"end", "2026-12-07T09:00:00+01:00"}},
                         {{"start", "gisteren"}, {"end", "2026-12-07T09:00:00Z"}},
                         {{"start", "2026-12-08T10:00:00Z"}, {"end", "2026-12-08T09:00:00Z"}},
                         42}}}}}}});
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read", request(json::array({person("501", "mentor.a@school.test")})));
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 4u) << json(r.docs).dump();
  EXPECT_EQ(r.docs[0], (json{{"person", "501"}, {"start", "2026-12-07T07:00:00Z"}, {"end", "2026-12-07T08:00:00Z"}}));
  for (std::size_t i = 1; i < 4; ++i) EXPECT_TRUE(r.docs[i].contains("problem")) << r.docs[i];
}

TEST_F(GoogleBusyReadTest, AMalformedRequestNamesTheField) {
  auto instance = make(settings());
  const auto r = call(*instance, "busy.read", json{{"from", "2026-12-07"}, {"to", "2026-12-12T00:00:00Z"}, {"people", json::array()}});
  EXPECT_EQ(r.result.status, CallStatus::invalid_argument);
  EXPECT_NE(r.result.error.find("from"), std::string::npos) << r.result.error;
}

}  // namespace
}  // namespace lobsync::plugin_host::google_busy_read_test
