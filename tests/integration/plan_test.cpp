// `lobsync plan` and `lobsync coverage` on a synced roster: the JSON contract, dry runs that
// save nothing, re-runs that keep everything, and invitations queued once per version.
#include "daemon_fixture.h"
#include "meeting_time.h"
#include "planning_school.h"

#include "core/iso_time.h"
#include "store/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace lobsync::test::plan_test {
namespace {

using nlohmann::json;

class PlanCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    auto config = base_config(dir_);
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"},
                                   {"file", (dir_ / "roster.jsonl").string()},
                                   {"sync", {{"max_removed_percent", 50}}}};
    config["plugins"]["calendar"] = {{"plugin", "calendar-folder"}, {"folder", (dir_ / "calendar").string()}};
    config["planning"] = whole_year_planning();
    config["planning"]["mailer"] = "mail";
    config["planning"]["calendars"] = {"calendar"};
    file_ = write_config(dir_, config);
    const auto sync = lobsync({"sync", "--config", file_, "--json"});
    ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  }
  json run_json(const std::vector<std::string>& args) {
    auto r = lobsync(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }
  std::size_t outbox_items() {
    ManualClock clock(instant_from_unix_ms(0));
    auto store = store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock);
    std::size_t n = 0;
    for (const auto& [state, count] : store->outbox().outbox_counts()) n += static_cast<std::size_t>(count);
    return n;
  }
  ScratchDir dir_;
  std::string file_;
};

TEST_F(PlanCommand, PlansEveryoneAndExplainsWhoCannotBePlaced) {
  const auto plan = run_json({"plan", "--config", file_, "--json", "--verbose"});
  // 4 individual talks + 3 with parents; Lotte's only parent may not be mailed.
  EXPECT_EQ(plan["planned"], 7);
  EXPECT_EQ(plan["kept"], 0);
  EXPECT_GT(plan["run_id"].get<int>(), 0);
  ASSERT_EQ(plan["unplaced"].size(), 1u);
  EXPECT_EQ(plan["unplaced"][0]["student"], "school:s3");
  EXPECT_EQ(plan["unplaced"][0]["type"], "parents");
  EXPECT_FALSE(plan["unplaced"][0]["reason"].get<std::string>().empty());
  ASSERT_EQ(plan["meetings"].size(), 7u);
  std::set<std::string> ids;
  for (const auto& m : plan["meetings"]) {
    for (const char* field : {"id", "type", "student", "mentor", "start", "end", "location"})
      EXPECT_TRUE(m[field].is_string()) << field << " in " << m.dump();
    EXPECT_TRUE(m["participants"].is_array());
    EXPECT_LT(m["start"].get<std::string>(), m["end"].get<std::string>());
    ids.insert(m["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 7u);
  // Mails to every participant with an address except the mentors (they get the calendar copy):
  // Zoë (2: individual + parents), Emre's parents' meeting, the parent (for both children),
  // the guardian organisation; plus one calendar copy per meeting.
  EXPECT_EQ(plan["outbox_items"], outbox_items());
  EXPECT_GT(outbox_items(), 7u);
}

TEST_F(PlanCommand, ADryRunSavesAndQueuesNothing) {
  const auto dry = run_json({"plan", "--config", file_, "--json", "--dry-run"});
  EXPECT_EQ(dry["planned"], 7);
  EXPECT_EQ(dry["dry_run"], true);
  EXPECT_EQ(outbox_items(), 0u);
  const auto real = run_json({"plan", "--config", file_, "--json"});
  EXPECT_EQ(real["planned"], 7);
}

TEST_F(PlanCommand, RunningItAgainKeepsEverythingAndQueuesNothingNew) {
  run_json({"plan", "--config", file_, "--json"});
  const auto queued = outbox_items();
  const auto again = run_json({"plan", "--config", file_, "--json"});
  EXPECT_EQ(again["planned"], 0);
  EXPECT_EQ(again["kept"], 7);
  EXPECT_EQ(again["cancelled"], 0);
  EXPECT_EQ(outbox_items(), queued);
}

TEST_F(PlanCommand, ALeaverIsCancelledAndTheCancellationQueued) {
  run_json({"plan", "--config", file_, "--json"});
  const auto queued = outbox_items();
  std::string roster = kRoster;
  for (const char* leaving : {R"({"kind":"student","source_id":"s4")", R"({"kind":"guardian","source_id":"p4")"}) {
    const auto line = roster.find(leaving);
    roster.erase(line, roster.find('\n', line) + 1 - line);
  }
  write_file(dir_ / "roster.jsonl", roster);
  ASSERT_EQ(lobsync({"sync", "--config", file_, "--json"}).exit_code, 0);
  const auto plan = run_json({"plan", "--config", file_, "--json"});
  EXPECT_EQ(plan["cancelled"], 2);  // Yonas's two conversations
  EXPECT_GT(outbox_items(), queued);
}

TEST_F(PlanCommand, CoverageListsWhatEachStudentStillMisses) {
  auto before = run_json({"coverage", "--config", file_, "--json"});
  ASSERT_TRUE(before.is_array());
  ASSERT_EQ(before.size(), 4u);
  for (const auto& row : before) {
    for (const char* field : {"student", "class", "mentor"}) EXPECT_TRUE(row[field].is_string()) << row.dump();
    EXPECT_TRUE(row["missing"].is_array());
    EXPECT_EQ(row["missing"].size(), 2u) << row.dump();
    EXPECT_TRUE(row["planned"].empty());
  }
  run_json({"plan", "--config", file_, "--json"});
  const auto after = run_json({"coverage", "--config", file_, "--json"});
  for (const auto& row : after) {
    const auto planned = row["planned"].size();
    EXPECT_EQ(planned, row["student"] == "school:s3" ? 1u : 2u) << row.dump();
  }
}

TEST_F(PlanCommand, AMissedConversationIsOnTheCallListAndPlannedAgain) {
  const auto plan = run_json({"plan", "--config", file_, "--json", "--verbose"});
  json chosen;
  for (const auto& m : plan["meetings"])
    if (m["type"] == "individual") chosen = m;
  ASSERT_TRUE(chosen.is_object());
  const auto id = chosen["id"].get<std::string>(), mentor = chosen["mentor"].get<std::string>();

  const auto early = lobsync({"attendance", "--config", file_, id, "no-show"});
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_NE(early.err.find("has not started yet"), std::string::npos) << early.err;
  EXPECT_EQ(lobsync({"attendance", "--config", file_, id, "late"}).exit_code, 2);

  // The conversation's time comes (the test moves it to this morning) and the student stays away.
  let_meeting_start(dir_ / "state/lobsync.db", id);
  const auto marked = run_json({"attendance", "--config", file_, id, "no-show", "--json"});
  EXPECT_EQ(marked["status"], "missed");
  EXPECT_EQ(marked["outcome"], "no_show");

  // Not held: coverage still misses it, and whoever was invited is to be phoned.
  bool still_missing = false;
  for (const auto& row : run_json({"coverage", "--config", file_, "--json"}))
    if (row["student"] == chosen["student"])
      for (const auto& type : row["missing"]) still_missing |= type == "individual";
  EXPECT_TRUE(still_missing);
  const auto calls = run_json({"calllist", "--config", file_, "--mentor", mentor, "--json"});
  bool listed = false;
  for (const auto& e : calls["entries"])
    if (e["meeting"] == id) listed = e["reasons"].dump().find("missed") != std::string::npos;
  EXPECT_TRUE(listed) << calls.dump();

  // The next plan gives it a new time, after now, as a new version with a new invitation.
  const auto queued = outbox_items();
  const auto again = run_json({"plan", "--config", file_, "--json", "--verbose"});
  EXPECT_EQ(again["moved"], 1);
  for (const auto& m : again["meetings"])
    if (m["id"] == id) {
      EXPECT_GT(m["start"].get<std::string>(), iso_utc(SystemClock().now()));
      EXPECT_EQ(m["status"], "planned");
    }
  EXPECT_GT(outbox_items(), queued);
}

TEST_F(PlanCommand, AFailingBusySourceStopsThePlan) {
  auto config = json::parse(read_file(file_));
  config["plugins"]["timetable"] = {{"plugin", "test-busy"}, {"fail", true}};
  write_file(file_, config.dump());
  const auto r = lobsync({"plan", "--config", file_, "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("busy times"), std::string::npos) << r.out;
  EXPECT_EQ(outbox_items(), 0u);
}

}  // namespace
}  // namespace lobsync::test::plan_test

namespace lobsync::test::plan_test {
namespace {

// The bundled demo school (60 students, OneRoster) planned for the whole year: everyone placed,
// no mentor and no family in two meetings at once, and a second run changes nothing.
TEST(PlanDemoSchool, EveryoneIsPlacedWithoutDoubleBookings) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["plugins"]["school"] = {{"plugin", "oneroster"},
                                 {"path", (source_dir() / "config/demo/roster").string()},
                                 {"grade_years", "leerjaar"}};
  config["planning"] = whole_year_planning();
  config["planning"]["mailer"] = "mail";
  const auto file = write_config(dir, config);
  ASSERT_EQ(lobsync({"sync", "--config", file, "--json"}).exit_code, 0);
  const auto r = lobsync({"plan", "--config", file, "--json", "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(plan["planned"], 120) << "two conversations for each of the 60 students";
  EXPECT_TRUE(plan["unplaced"].empty()) << plan["unplaced"].dump();
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_mentor;
  for (const auto& m : plan["meetings"]) by_mentor[m["mentor"]].emplace_back(m["start"], m["end"]);
  for (auto& [mentor, list] : by_mentor) {
    std::sort(list.begin(), list.end());
    for (std::size_t i = 1; i < list.size(); ++i) EXPECT_LE(list[i - 1].second, list[i].first) << mentor;
  }
  // Each lead's conversations per ISO week add up to the plan, none over the weekly limit.
  const auto& load = plan["load"];
  EXPECT_EQ(load["max_per_week"], 15);
  EXPECT_EQ(load["per_week"].size(), by_mentor.size());
  int total = 0;
  for (const auto& [mentor, weeks] : load["per_week"].items()) {
    for (const auto& [week, count] : weeks.items()) {
      EXPECT_EQ(week.size(), 8u) << week;  // "2027-W03"
      EXPECT_LE(count.get<int>(), 15) << mentor << " " << week;
      total += count.get<int>();
    }
  }
  EXPECT_EQ(total, 120);
  const auto text = lobsync({"plan", "--config", file, "--dry-run"});
  EXPECT_NE(text.out.find("workload: the busiest week has"), std::string::npos) << text.out;
  const auto again = nlohmann::json::parse(lobsync({"plan", "--config", file, "--json"}).out);
  EXPECT_EQ(again["planned"], 0);
  EXPECT_EQ(again["kept"], 120);
}

}  // namespace
}  // namespace lobsync::test::plan_test
