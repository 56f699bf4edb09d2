// busy.read: a mentor's lessons from the roosters of the lesgroepen they teach, across the
// daylight-saving weeks, with cancelled and substituted lessons, unknown people, broken
// requests and answers, and a source that is down or refuses the client.
#include "somtoday_fixture.h"

namespace lobsync::plugin_host::somtoday_busy_read_test {
namespace {

using nlohmann::json;

class SomtodayBusyReadTest : public SomtodayTest {
 protected:
  struct Busy {
    CallResult result;
    std::vector<json> docs;

    std::vector<std::pair<std::string, std::string>> intervals(const std::string& person) const {
      std::vector<std::pair<std::string, std::string>> out;
      for (const auto& d : docs) {
        if (d.value("person", "") == person && d.contains("start")) out.emplace_back(d["start"], d["end"]);
      }
      return out;
    }
    std::string message(const std::string& person, const std::string& key) const {
      for (const auto& d : docs) {
        if (d.value("person", "") == person && d.contains(key)) return d[key];
      }
      return {};
    }
    std::string dump() const {
      std::string text = result.error + "\n";
      for (const auto& d : docs) text += d.dump() + "\n";
      return text;
    }
  };

  Busy busy(PluginInstance& instance, const json& request) {
    Busy out;
    out.result = instance.call("busy.read", request, [&](std::string_view doc) {
      out.docs.push_back(json::parse(doc));
      return true;
    });
    return out;
  }

  static json person(const std::string& id, const std::string& uuid) {
    return {{"id", id}, {"source", "somtoday-test"}, {"source_id", uuid}, {"email", ""}, {"abbreviation", ""}};
  }
  static json request(const std::string& from, const std::string& to, json people) {
    return {{"from", from}, {"to", to}, {"people", std::move(people)}};
  }
};

// Weeks 43 and 44 of 2026: summer time ends on Sunday 25 October (03:00 CEST → 02:00 CET).
TEST_F(SomtodayBusyReadTest, LessonsOverTheOctoberClockChangeInUtc) {
  test::FakeSomtoday fake(12);
  const json school = fake.school();
  auto instance = make(settings(fake));
  // To Monday 2 November 00:00 local (23:00Z): two ISO weeks, no third.
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-11-01T23:00:00Z",
                                            {person("somtoday-test:t", school["timetable_teacher"]),
                                             person("somtoday-test:c", school["colleague"])}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  // 08:30 local is 06:30Z in summer time and 07:30Z after the change. Wednesday 28 October is
  // "Vervallen" (not busy); Thursday 22 October a substitute teaches h2ckv instead.
  const std::vector<std::pair<std::string, std::string>> teacher{
      {"2026-10-19T06:30:00Z", "2026-10-19T07:20:00Z"},  // Mon h2bio (CEST)
      {"2026-10-21T08:30:00Z", "2026-10-21T09:20:00Z"},  // Wed h2bio (CEST)
      {"2026-10-26T07:30:00Z", "2026-10-26T08:20:00Z"},  // Mon h2bio (CET)
      {"2026-10-29T12:00:00Z", "2026-10-29T12:50:00Z"},  // Thu h2ckv (CET)
  };
  EXPECT_EQ(read.intervals("somtoday-test:t"), teacher) << read.dump();
  const std::vector<std::pair<std::string, std::string>> colleague{
      {"2026-10-20T07:00:00Z", "2026-10-20T07:50:00Z"},  // Tue v3ak
      {"2026-10-22T11:00:00Z", "2026-10-22T11:50:00Z"},  // Thu h2ckv, alone
      {"2026-10-27T08:00:00Z", "2026-10-27T08:50:00Z"},
      {"2026-10-29T12:00:00Z", "2026-10-29T12:50:00Z"},
  };
  EXPECT_EQ(read.intervals("somtoday-test:c"), colleague) << read.dump();
  EXPECT_EQ(read.docs.size(), 8u) << read.dump();  // no errors, no problems

  // Two lesgroepen of the teacher and one more of the colleague, two weeks each; h2ckv once.
  int roosters = 0;
  const json stats = fake.stats();
  for (const auto& path : stats["data_requests"]) roosters += path.get<std::string>().find("/rooster?weeknummer=") != std::string::npos;
  EXPECT_EQ(roosters, 6);
}

// Weeks 12 and 13 of 2027: summer time starts on Sunday 28 March (02:00 CET → 03:00 CEST).
TEST_F(SomtodayBusyReadTest, LessonsOverTheMarchClockChange) {
  test::FakeSomtoday fake(12);
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2027-03-22T00:00:00Z", "2027-04-05T00:00:00Z",
                                            {person("t", fake.school()["timetable_teacher"])}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  const std::vector<std::pair<std::string, std::string>> expected{
      {"2027-03-22T07:30:00Z", "2027-03-22T08:20:00Z"}, {"2027-03-24T09:30:00Z", "2027-03-24T10:20:00Z"},
      {"2027-03-25T12:00:00Z", "2027-03-25T12:50:00Z"}, {"2027-03-29T06:30:00Z", "2027-03-29T07:20:00Z"},
      {"2027-04-01T11:00:00Z", "2027-04-01T11:50:00Z"},  // Wed 31 March is "Vervallen"
  };
  EXPECT_EQ(read.intervals("t"), expected) << read.dump();
}

TEST_F(SomtodayBusyReadTest, OnlyTimetableWeeksAreRead) {
  test::FakeSomtoday fake(12);
  auto s = settings(fake);
  s["timetable_weeks"] = 1;
  auto instance = make(s);
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2027-06-01T00:00:00Z",
                                            {person("t", fake.school()["timetable_teacher"])}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t").size(), 2u) << read.dump();  // week 43 only
  const json stats = fake.stats();
  int roosters = 0;
  for (const auto& path : stats["data_requests"]) {
    const auto p = path.get<std::string>();
    roosters += p.find("/rooster") != std::string::npos;
    if (p.find("/rooster") != std::string::npos) {
      EXPECT_NE(p.find("weeknummer=43"), std::string::npos) << p;
    }
  }
  EXPECT_EQ(roosters, 2);  // h2bio and h2ckv, one week each
}

TEST_F(SomtodayBusyReadTest, UnknownAndUnreadablePeopleGetAnErrorEach) {
  test::FakeSomtoday fake(12);
  const json school = fake.school();
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z",
                                            {person("t", school["timetable_teacher"]),
                                             person("ghost", "00000000-0000-4000-8000-000000000000"),
                                             person("hidden", school["lesgroepen_hidden"]),
                                             person("typo", "not-a-uuid"), json{{"id", "no-source-id"}}}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t").size(), 2u) << read.dump();
  EXPECT_NE(read.message("ghost", "error").find("not found as a medewerker"), std::string::npos) << read.dump();
  EXPECT_NE(read.message("hidden", "error").find("not released"), std::string::npos) << read.dump();
  EXPECT_NE(read.message("typo", "error").find("source_id"), std::string::npos) << read.dump();
  EXPECT_NE(read.message("no-source-id", "error").find("source_id"), std::string::npos) << read.dump();
}

TEST_F(SomtodayBusyReadTest, MalformedRequestsAreRefusedNamingTheField) {
  test::FakeSomtoday fake(12);
  auto instance = make(settings(fake));
  const std::string uuid = fake.school()["timetable_teacher"];
  const std::vector<std::pair<json, std::string>> cases{
      {json::array(), "request"},
      {request("2026-10-19", "2026-10-25T23:00:00Z", json::array({person("t", uuid)})), "from"},
      {request("2026-10-19T00:00:00+02:00", "2026-10-25T23:00:00Z", json::array()), "from"},
      {request("2026-10-19T00:00:00Z", "2026-10-18T00:00:00Z", json::array()), "to"},
      {request("2026-10-19T00:00:00Z", "2026-13-01T00:00:00Z", json::array()), "to"},
      {{{"from", "2026-10-19T00:00:00Z"}, {"to", "2026-10-25T23:00:00Z"}}, "people"},
      {request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z", json::array({json{{"source_id", uuid}}})), "people/0/id"},
      {request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z", json::array({json{{"id", "t"}, {"source_id", 7}}})),
       "people/0/source_id"},
  };
  for (const auto& [req, field] : cases) {
    const auto read = busy(*instance, req);
    EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << req.dump();
    EXPECT_NE(read.result.error.find(field + ":"), std::string::npos) << read.result.error;
    EXPECT_TRUE(read.docs.empty()) << read.dump();
  }
}

TEST_F(SomtodayBusyReadTest, BrokenAfsprakenAreReportedAndSkipped) {
  test::FakeSomtoday fake(12);
  const json school = fake.school();
  const std::string teacher = school["timetable_teacher"];
  const json medewerkers = json::array({{{"uuid", teacher}, {"afkorting", "M001"}}});
  const json body = {{"rooster",
                      {{"weeknummer", 43},
                       {"begindatum", "2026-10-19"},
                       {"afspraken",
                        {{{"id", 1}, {"begintijd", "2026-10-19T08:30:00.000+02:00"}, {"eindtijd", "2026-10-19T09:20:00.000+02:00"},
                          {"medewerkers", medewerkers}},
                         {{"id", 2}, {"begintijd", "maandag 08:30"}, {"eindtijd", "2026-10-19T09:20:00+02:00"}, {"medewerkers", medewerkers}},
                         {{"id", 3}, {"eindtijd", "2026-10-19T09:20:00+02:00"}, {"medewerkers", medewerkers}},
                         {{"id", 4}, {"begintijd", "2026-10-19T10:00:00+02:00"}, {"eindtijd", "2026-10-19T09:00:00+02:00"},
                          {"medewerkers", medewerkers}},
                         "not an afspraak"}}}}};
  fake.control({{"rules", json::array({{{"match", school["lesgroepen"]["h2bio"].get<std::string>() + "/rooster"}, {"body", body}}})}});
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z", {person("t", teacher)}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  // Only the good afspraak of h2bio; h2ckv is taught by a substitute in week 43.
  EXPECT_EQ(read.intervals("t"), (std::vector<std::pair<std::string, std::string>>{
                                     {"2026-10-19T06:30:00Z", "2026-10-19T07:20:00Z"}}))
      << read.dump();
  std::vector<std::string> problems;
  for (const auto& d : read.docs) {
    if (d.contains("problem")) problems.push_back(d["problem"]);
  }
  ASSERT_EQ(problems.size(), 4u) << read.dump();
  const std::string all = read.dump();
  EXPECT_NE(all.find("afspraak 2: begintijd is not a date-time"), std::string::npos) << all;
  EXPECT_NE(all.find("afspraak 3: begintijd is missing"), std::string::npos) << all;
  EXPECT_NE(all.find("afspraak 4: eindtijd is not after begintijd"), std::string::npos) << all;
  EXPECT_NE(all.find("afspraak 4: not an object"), std::string::npos) << all;
}

TEST_F(SomtodayBusyReadTest, AnAnswerForAnotherWeekMakesThatWeekUnknown) {
  test::FakeSomtoday fake(12);
  const json school = fake.school();
  const json body = {{"rooster", {{"weeknummer", 43}, {"begindatum", "2025-10-20"}, {"afspraken", json::array()}}}};
  fake.control({{"rules", json::array({{{"match", "rooster"}, {"body", body}}})}});
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z",
                                            {person("t", school["timetable_teacher"])}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_TRUE(read.intervals("t").empty());
  EXPECT_NE(read.message("t", "error").find("instead of 2026-10-19"), std::string::npos) << read.dump();
}

TEST_F(SomtodayBusyReadTest, ABrokenRoosterBodyFailsTheCall) {
  test::FakeSomtoday fake(12);
  fake.control({{"rules", json::array({{{"match", "rooster"}, {"truncate", true}}})}});
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z",
                                            {person("t", fake.school()["timetable_teacher"])}));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << read.dump();
  EXPECT_NE(read.result.error.find("/rooster"), std::string::npos) << read.result.error;
}

TEST_F(SomtodayBusyReadTest, AServerThatStaysDownIsUnavailable) {
  test::FakeSomtoday fake(12);
  fake.control({{"rules", json::array({{{"match", "/rooster"}, {"status", 503}}})}});
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z",
                                            {person("t", fake.school()["timetable_teacher"])}));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::unavailable) << read.dump();
  EXPECT_TRUE(read.docs.empty()) << read.dump();  // nothing half-read reaches the planner
}

TEST_F(SomtodayBusyReadTest, NoServerAtAllIsUnavailable) {
  std::string uuid;
  json s;
  {
    test::FakeSomtoday fake(12);
    uuid = fake.school()["timetable_teacher"];
    s = settings(fake);
  }  // stopped: its port now refuses connections
  auto instance = make(s);
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z", {person("t", uuid)}));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::unavailable) << read.dump();
}

TEST_F(SomtodayBusyReadTest, RefusedTokensAreAuth) {
  test::FakeSomtoday fake(12);
  const std::string uuid = fake.school()["timetable_teacher"];
  fake.control({{"reject_tokens", true}});
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z", {person("t", uuid)}));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::auth) << read.dump();
}

TEST_F(SomtodayBusyReadTest, AVanishedLesgroepIsAnErrorForItsTeachersOnly) {
  test::FakeSomtoday fake(12);
  const json school = fake.school();
  fake.control({{"rules", json::array({{{"match", school["lesgroepen"]["v3ak"].get<std::string>() + "/rooster"},
                                        {"status", 404}}})}});
  auto instance = make(settings(fake));
  const auto read = busy(*instance, request("2026-10-19T00:00:00Z", "2026-10-25T23:00:00Z",
                                            {person("t", school["timetable_teacher"]), person("c", school["colleague"])}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t").size(), 2u) << read.dump();
  EXPECT_TRUE(read.message("t", "error").empty()) << read.dump();
  EXPECT_EQ(read.intervals("c").size(), 1u) << read.dump();  // h2ckv still read
  EXPECT_NE(read.message("c", "error").find("HTTP 404"), std::string::npos) << read.dump();
}

}  // namespace
}  // namespace lobsync::plugin_host::somtoday_busy_read_test
