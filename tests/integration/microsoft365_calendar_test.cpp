// The microsoft365 plugin as calendar writer, through the real binary against the fake Graph:
// with planning.calendars naming the instance, `lobsync dispatch` puts each mentor's copy into
// the mentor's Outlook calendar as one event (no attendees, so Exchange invites nobody; the
// family is mailed by the host through sendMail); a create whose answers were all lost is retried
// by the outbox without a second event; a meeting that moves keeps its event; a leaver's
// meetings are removed from the calendar.
#include "daemon_fixture.h"
#include "planning_school.h"

#include "unit/microsoft365/fake_graph.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace lobsync::test::microsoft365_calendar_test {
namespace {

using nlohmann::json;

constexpr const char* kProperty = "String {9c1d1a58-0852-4f45-98a0-e5e11a3db43b} Name lobsync-uid";
const std::map<std::string, std::string> kEnvironment{{"LOBSYNC_TEST_M365_SECRET", FakeOAuthApp::kClientSecret}};

class Microsoft365Calendar : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    write_file(dir_ / "busy.jsonl", "");
    auto config = base_config(dir_);
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["timetable"] = {{"plugin", "test-busy"}, {"file", (dir_ / "busy.jsonl").string()}};
    config["plugins"]["m365"] = {{"plugin", "microsoft365"},
                                 {"tenant", FakeOAuthApp::kTenant},
                                 {"client_id", FakeOAuthApp::kSecretClient},
                                 {"client_secret", {{"env", "LOBSYNC_TEST_M365_SECRET"}}},
                                 {"mailbox", FakeGraph::kMailbox},
                                 {"calendar_writes", true},
                                 {"authority_url", graph_.base()},
                                 {"graph_url", graph_.graph_url()}};
    config["planning"] = whole_year_planning();
    config["planning"]["mailer"] = "m365";
    config["planning"]["calendars"] = {"m365"};
    file_ = write_config(dir_, config);
    ASSERT_EQ(cli({"sync", "--config", file_, "--json"}).exit_code, 0);
  }

  RunResult cli(const std::vector<std::string>& args) { return lobsync(args, kEnvironment); }
  json cli_json(const std::vector<std::string>& args) {
    const auto r = cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }

  // Every event in the mentors' calendars, by the uid it carries (a uid twice fails the test).
  std::map<std::string, json> events_by_uid() {
    std::map<std::string, json> out;
    const auto stats = graph_.stats();
    for (const char* mentor : {"a.jansen@school.example", "b.devries@school.example"}) {
      for (const auto& e : stats["events"].value(mentor, json::array())) {
        std::string uid;
        for (const auto& p : e["singleValueExtendedProperties"])
          if (p["id"] == kProperty) uid = p["value"];
        EXPECT_FALSE(uid.empty()) << e.dump();
        EXPECT_FALSE(out.contains(uid)) << "a second event for " << uid;
        out[uid] = e;
        out[uid]["mentor"] = mentor;
      }
    }
    return out;
  }

  ScratchDir dir_;
  FakeOAuthApp app_{dir_.path()};
  FakeGraph graph_{app_, {"a.jansen@school.example", "b.devries@school.example"}};
  std::string file_;
};

TEST_F(Microsoft365Calendar, EachMentorsCopyIsOneEventThatMovesAndSurvivesALostAnswer) {
  const auto plan = cli_json({"plan", "--config", file_, "--json", "--verbose"});
  ASSERT_EQ(plan["planned"], 7);
  // Every answer to the first event's create is lost (Graph made it all the same).
  graph_.control({{"lose_event_response", 4}});
  const auto first = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(first["failed"], 0) << first.dump();
  ASSERT_EQ(first["retry_later"], 1) << first.dump();
  const std::string lost = first["failures"][0]["key"];
  EXPECT_TRUE(lost.starts_with("calendar:m365:")) << lost;

  auto events = events_by_uid();
  ASSERT_EQ(events.size(), 7u) << "one event per meeting, the lost one included";
  for (const auto& m : plan["meetings"]) {
    const auto uid = m["id"].get<std::string>() + "@school.example";
    ASSERT_TRUE(events.contains(uid)) << uid;
    const auto& e = events[uid];
    EXPECT_EQ(e["start"]["timeZone"], "UTC");
    EXPECT_EQ(e["start"]["dateTime"], m["start"].get<std::string>().substr(0, 19)) << e.dump();
    EXPECT_FALSE(e.contains("attendees")) << e.dump();
  }
  EXPECT_EQ(graph_.stats()["event_calls"]["invitations"], 0) << "Exchange was asked to invite nobody";
  // The families are mailed by the host, the mentors are not (their copy is the calendar).
  EXPECT_EQ(graph_.stats()["sendmail"], 5);

  // The outbox's retry of the lost create finds the event by its uid: no second one.
  ASSERT_EQ(cli({"outbox", "retry", lost, "--config", file_}).exit_code, 0);
  const auto retried = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(retried["sent"], 1) << retried.dump();
  EXPECT_EQ(events_by_uid().size(), 7u);
  const int creates = graph_.stats()["event_calls"]["create"];

  // Running both again writes nothing.
  EXPECT_EQ(cli_json({"plan", "--config", file_, "--json"})["planned"], 0);
  EXPECT_EQ(cli_json({"dispatch", "--config", file_, "--json"})["sent"], 0);

  // A lesson appears over a meeting: it moves, and its event moves with it.
  json moved;
  for (const auto& m : plan["meetings"])
    if (m["student"] == "school:s2" && m["type"] == "parents") moved = m;
  ASSERT_FALSE(moved.is_null());
  const auto uid = moved["id"].get<std::string>() + "@school.example";
  const std::string id_before = events_by_uid()[uid]["id"];
  write_file(dir_ / "busy.jsonl",
             json{{"person", moved["mentor"]}, {"start", moved["start"]}, {"end", moved["end"]}}.dump() + "\n");
  const auto replan = cli_json({"plan", "--config", file_, "--json"});
  ASSERT_EQ(replan["moved"], 1) << replan.dump();
  const auto second = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(second["failed"], 0) << second.dump();
  events = events_by_uid();
  ASSERT_EQ(events.size(), 7u) << "updated in place, not added";
  EXPECT_EQ(events[uid]["id"], id_before);
  EXPECT_NE(events[uid]["start"]["dateTime"], moved["start"].get<std::string>().substr(0, 19));
  EXPECT_EQ(graph_.stats()["event_calls"]["create"], creates);
}

TEST_F(Microsoft365Calendar, ALeaversMeetingsAreRemovedFromTheCalendar) {
  cli_json({"plan", "--config", file_, "--json"});
  EXPECT_EQ(cli_json({"dispatch", "--config", file_, "--json"})["failed"], 0);
  ASSERT_EQ(events_by_uid().size(), 7u);
  std::string roster = kRoster;
  for (const char* leaving : {R"({"kind":"student","source_id":"s4")", R"({"kind":"guardian","source_id":"p4")"}) {
    const auto line = roster.find(leaving);
    roster.erase(line, roster.find('\n', line) + 1 - line);
  }
  write_file(dir_ / "roster.jsonl", roster);
  auto config = json::parse(read_file(file_));
  config["plugins"]["school"]["sync"] = {{"max_removed_percent", 50}};
  write_file(file_, config.dump());
  ASSERT_EQ(cli({"sync", "--config", file_, "--json"}).exit_code, 0);
  EXPECT_EQ(cli_json({"plan", "--config", file_, "--json"})["cancelled"], 2);
  EXPECT_EQ(cli_json({"dispatch", "--config", file_, "--json"})["failed"], 0);
  EXPECT_EQ(events_by_uid().size(), 5u);
  EXPECT_EQ(graph_.stats()["event_calls"]["delete"], 2);
}

}  // namespace
}  // namespace lobsync::test::microsoft365_calendar_test
