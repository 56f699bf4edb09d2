// busy.read: teachers' lessons from the timetable export (files mode) or layout (swp mode), in
// local school time converted to UTC across both daylight-saving changes; vervallen lessons,
// unknown people, broken rows and requests, and a webservice that is down or refuses us.
#include "files_fixture.h"

#include <cstdlib>

namespace lobsync::magister_test::magister_busy_read_test {
namespace {

using Intervals = std::vector<std::pair<std::string, std::string>>;

class MagisterBusyReadTest : public MagisterFilesTest {
 protected:
  // personeel.csv (committed): 501 JAN, 502 dek.
  static json people(std::initializer_list<std::pair<const char*, const char*>> list) {
    json out = json::array();
    for (const auto& [id, stamnr] : list) out.push_back({{"id", id}, {"source", "mag"}, {"source_id", stamnr}, {"abbreviation", ""}});
    return out;
  }
  static json request(const std::string& from, const std::string& to, json who) {
    return {{"from", from}, {"to", to}, {"people", std::move(who)}};
  }

  Read busy(const json& settings, const json& req) {
    Read out;
    const auto* plugin = catalog_.find("magister");
    std::string error;
    auto instance = plugin_host::PluginInstance::create(*plugin, "mag", settings, services_, error);
    if (!instance) {
      out.result = {lobsync::plugin_host::CallStatus::config, error};
      return out;
    }
    out.result = instance->call("busy.read", req, [&](std::string_view doc) {
      out.docs.push_back(json::parse(doc));
      return true;
    });
    return out;
  }

  json with_timetable(const std::string& csv) const {
    write("rooster.csv", csv);
    auto s = settings();
    s["files"] = {{"timetable", "rooster.csv"}};
    return s;
  }

  static Intervals intervals(const Read& read, const std::string& person) {
    Intervals out;
    for (const auto& d : read.docs) {
      if (d.value("person", "") == person && d.contains("start")) out.emplace_back(d["start"], d["end"]);
    }
    return out;
  }
  static std::string message(const Read& read, const std::string& person, const std::string& key) {
    std::string out;
    for (const auto& d : read.docs) {
      if (d.value("person", "") == person && d.contains(key)) out += d[key].get<std::string>() + "\n";
    }
    return out;
  }
};

// Weeks 43 and 44 of 2026: summer time ends on Sunday 25 October; local times become UTC.
TEST_F(MagisterBusyReadTest, LessonsOverTheOctoberClockChange) {
  const auto s = with_timetable(
      "Docentcode;Datum;Start;Einde;Status\r\n"
      "JAN;19-10-2026;08:30;09:20;1\r\n"
      "jan;2026-10-21;10:30;11:20;\r\n"          // code matched case-insensitively, no status
      "JAN;26-10-2026;8:30;9:20;1\r\n"            // one-digit hours
      "JAN;28-10-2026;10:30;11:20;4\r\n"          // vervallen
      "JAN;29-10-2026;13:00;13:50;5\r\n"          // vervallen too
      "DEK, JAN;30-10-2026;13:00;13:50;1\r\n"     // two teachers
      "JAN;;2026-10-25T00:30:00Z;2026-10-25T02:30:00+01:00;1\r\n"  // full date-times, zones as given
      "JAN;02-11-2026;08:30;09:20;1\r\n"          // after the window
      "XYZ;19-10-2026;08:30;09:20;1\r\n");        // someone not asked about
  const auto read = busy(s, request("2026-10-19T00:00:00Z", "2026-11-02T00:00:00Z", people({{"jan", "501"}, {"dek", "502"}})));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(intervals(read, "jan"), (Intervals{{"2026-10-19T06:30:00Z", "2026-10-19T07:20:00Z"},
                                               {"2026-10-21T08:30:00Z", "2026-10-21T09:20:00Z"},
                                               {"2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"},
                                               {"2026-10-26T07:30:00Z", "2026-10-26T08:20:00Z"},
                                               {"2026-10-30T12:00:00Z", "2026-10-30T12:50:00Z"}}))
      << read.dump();
  EXPECT_EQ(intervals(read, "dek"), (Intervals{{"2026-10-30T12:00:00Z", "2026-10-30T12:50:00Z"}})) << read.dump();
  EXPECT_EQ(read.docs.size(), 6u) << read.dump();
}

// Weeks 12 and 13 of 2027: summer time starts on Sunday 28 March at 02:00 (→ 03:00).
TEST_F(MagisterBusyReadTest, LessonsOverTheMarchClockChange) {
  const auto s = with_timetable(
      "Docentcode;Datum;Start;Einde;Status\r\n"
      "JAN;22-03-2027;08:30;09:20;1\r\n"
      "JAN;29-03-2027;08:30;09:20;1\r\n"
      "JAN;28-03-2027;01:30;03:30;1\r\n"    // across the gap: 00:30Z to 01:30Z
      "JAN;28-03-2027;02:30;03:30;1\r\n");  // 02:30 does not exist that night
  const auto read = busy(s, request("2027-03-22T00:00:00Z", "2027-04-05T00:00:00Z", people({{"jan", "501"}})));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(intervals(read, "jan"), (Intervals{{"2027-03-22T07:30:00Z", "2027-03-22T08:20:00Z"},
                                               {"2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z"},
                                               {"2027-03-29T06:30:00Z", "2027-03-29T07:20:00Z"}}))
      << read.dump();
  const std::string problem = message(read, "jan", "problem");
  EXPECT_NE(problem.find("rooster.csv line 5: column Start does not exist in Europe/Amsterdam"), std::string::npos)
      << read.dump();
}

TEST_F(MagisterBusyReadTest, BrokenRowsAreReportedNamingTheColumn) {
  const auto s = with_timetable(
      "Docentcode;Datum;Start;Einde;Status\r\n"
      "JAN;19-10-2026;08:30;09:20;1\r\n"
      "JAN;31-10-2026;08:30;09:20;1\r\n"  // a good row after the broken ones must still count
      "JAN;30-02-2026;08:30;09:20;1\r\n"  // no such date
      "JAN;20-10-2026;25:00;09:20;1\r\n"
      "JAN;20-10-2026;08:30;half tien;1\r\n"
      "JAN;20-10-2026;10:00;09:00;1\r\n"
      "JAN;;08:30;09:20;1\r\n"
      "JAN;20-10-2026\r\n");  // too few fields: a skipped row, logged
  const auto read = busy(s, request("2026-10-19T00:00:00Z", "2026-11-02T00:00:00Z", people({{"jan", "501"}})));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(intervals(read, "jan").size(), 2u) << read.dump();
  const std::string problems = message(read, "jan", "problem");
  EXPECT_NE(problems.find("line 4: column Start has a date that is not a real date"), std::string::npos) << problems;
  EXPECT_NE(problems.find("line 5: column Start is not a time"), std::string::npos) << problems;
  EXPECT_NE(problems.find("line 6: column Einde is not a time"), std::string::npos) << problems;
  EXPECT_NE(problems.find("line 7: column Einde is not after Start"), std::string::npos) << problems;
  EXPECT_NE(problems.find("line 8: column Start is a time without a date"), std::string::npos) << problems;
}

TEST_F(MagisterBusyReadTest, ConfigurableColumns) {
  auto s = with_timetable("leraar;dag;van;tot;toestand\r\nJAN;2026-10-19;08:30;09:20;vervallen\r\nJAN;2026-10-20;08:30;09:20;actief\r\n");
  s["columns"] = {{"timetable", {{"staff_code", "leraar"}, {"date", "dag"}, {"start", "van"}, {"end", "tot"}, {"status", "toestand"}}}};
  const auto read = busy(s, request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", people({{"jan", "501"}})));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(intervals(read, "jan"), (Intervals{{"2026-10-20T06:30:00Z", "2026-10-20T07:20:00Z"}})) << read.dump();
}

TEST_F(MagisterBusyReadTest, AMissingColumnFailsTheCallNamingIt) {
  const auto s = with_timetable("Docentcode;Datum;Begin;Einde\r\nJAN;19-10-2026;08:30;09:20\r\n");
  const auto read = busy(s, request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", people({{"jan", "501"}})));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << read.dump();
  EXPECT_TRUE(contains(read.result.error, "Start")) << read.result.error;
  EXPECT_TRUE(read.docs.empty()) << read.dump();
}

TEST_F(MagisterBusyReadTest, UnknownPeopleGetAnErrorEach) {
  write("personeel.csv", "stamnr_str;Code;Roepnaam;Tussenv;Achternaam;Voorletters\r\n501;JAN;A;;J;A.\r\n503;;B;;K;B.\r\n");
  const auto s = with_timetable("Docentcode;Datum;Start;Einde;Status\r\nJAN;19-10-2026;08:30;09:20;1\r\n");
  json who = people({{"jan", "501"}, {"gone", "999"}, {"nocode", "503"}});
  who.push_back({{"id", "no-source-id"}});
  const auto read = busy(s, request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", who));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(intervals(read, "jan").size(), 1u) << read.dump();
  EXPECT_TRUE(contains(message(read, "gone", "error"), "not among Magister's active staff")) << read.dump();
  EXPECT_TRUE(contains(message(read, "no-source-id", "error"), "not among Magister's active staff")) << read.dump();
  EXPECT_TRUE(contains(message(read, "nocode", "error"), "no docentcode")) << read.dump();
}

TEST_F(MagisterBusyReadTest, MalformedRequestsAreRefusedNamingTheField) {
  const auto s = with_timetable("Docentcode;Datum;Start;Einde;Status\r\nJAN;19-10-2026;08:30;09:20;1\r\n");
  const std::vector<std::pair<json, std::string>> cases{
      {request("gisteren", "2026-10-26T00:00:00Z", people({{"jan", "501"}})), "from:"},
      {request("2026-10-19T00:00:00Z", "2026-10-19T00:00:00Z", people({{"jan", "501"}})), "to:"},
      {{{"from", "2026-10-19T00:00:00Z"}, {"to", "2026-10-26T00:00:00Z"}, {"people", "jan"}}, "people:"},
      {request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", json::array({json{{"id", ""}}})), "people/0/id:"},
  };
  for (const auto& [req, field] : cases) {
    const auto read = busy(s, req);
    EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << req.dump();
    EXPECT_TRUE(contains(read.result.error, field)) << read.result.error;
  }
}

TEST_F(MagisterBusyReadTest, WithoutATimetableNothingIsKnownAndNothingFails) {
  const auto read = busy(settings(), request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", people({{"jan", "501"}})));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_TRUE(read.docs.empty()) << read.dump();
}

TEST_F(MagisterBusyReadTest, AMissingExportIsUnavailable) {
  auto s = settings();
  s["files"] = {{"timetable", "rooster.csv"}};  // not written
  const auto read = busy(s, request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", people({{"jan", "501"}})));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::unavailable) << read.dump();
}

json swp_settings(const FakeSwp& fake) {
  ::setenv("LOBSYNC_TEST_MAGISTER_PASSWORD", FakeSwp::kPassword, 1);
  return {{"mode", "swp"},
          {"url", fake.url()},
          {"username", "lobsync"},
          {"password", {{"env", "LOBSYNC_TEST_MAGISTER_PASSWORD"}}},
          {"layouts", {{"parents", "lobsync_ouders"}, {"mentors", "lobsync_mentoren"}, {"timetable", "lobsync_rooster"}}}};
}

// The fake SWP's staff: 5001 JAN, 5002 BAK, 5003 VRI.
TEST_F(MagisterBusyReadTest, SwpLayoutOverTheOctoberClockChange) {
  FakeSwp fake;
  const auto read = busy(swp_settings(fake), request("2026-10-19T00:00:00Z", "2026-11-02T00:00:00Z",
                                                     people({{"jan", "5001"}, {"bak", "5002"}, {"ghost", "4242"}})));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(intervals(read, "jan"), (Intervals{{"2026-10-19T06:30:00Z", "2026-10-19T07:20:00Z"},
                                               {"2026-10-21T08:30:00Z", "2026-10-21T09:20:00Z"},
                                               {"2026-10-26T07:30:00Z", "2026-10-26T08:20:00Z"},
                                               {"2026-10-29T12:00:00Z", "2026-10-29T12:50:00Z"}}))
      << read.dump();
  EXPECT_EQ(intervals(read, "bak"), (Intervals{{"2026-10-29T12:00:00Z", "2026-10-29T12:50:00Z"}})) << read.dump();
  EXPECT_TRUE(contains(message(read, "ghost", "error"), "not among")) << read.dump();
}

TEST_F(MagisterBusyReadTest, SwpRefusingUsIsAuth) {
  FakeSwp fake({"--data-status", "401"});
  const auto read = busy(swp_settings(fake), request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", people({{"jan", "5001"}})));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::auth) << read.dump();
  EXPECT_TRUE(read.docs.empty()) << read.dump();
}

TEST_F(MagisterBusyReadTest, SwpDownIsUnavailable) {
  FakeSwp fake({"--data-status", "503"});
  const auto read = busy(swp_settings(fake), request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", people({{"jan", "5001"}})));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::unavailable) << read.dump();
  EXPECT_TRUE(read.docs.empty()) << read.dump();
}

TEST_F(MagisterBusyReadTest, NoSwpServerIsUnavailable) {
  json s;
  {
    FakeSwp fake;
    s = swp_settings(fake);
  }  // stopped: its port now refuses connections
  const auto read = busy(s, request("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", people({{"jan", "5001"}})));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::unavailable) << read.dump();
}

}  // namespace
}  // namespace lobsync::magister_test::magister_busy_read_test
