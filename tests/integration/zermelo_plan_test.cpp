// `lobsync plan` with the zermelo plugin as the busy source, against the fake Zermelo portal: the
// real binary, the real plugin, config check, and no conversation placed in a lesson read from
// the portal. The planner is deterministic, so a dry run shows where each conversation would go;
// a lesson put exactly there must move it.
#include "daemon_fixture.h"
#include "planning_school.h"

#include "core/clock.h"
#include "core/iso_time.h"
#include "support/fake_zermelo.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace lobsync::test::zermelo_plan_test {
namespace {

using nlohmann::json;

// The planning school's roster with the mentors' abbreviations (docentcodes) as the SIS sends them.
std::string roster_with_abbreviations() {
  std::string roster = kRoster;
  for (const auto& [id, code] : {std::pair<std::string, std::string>{"t1", "JAN"}, {"t2", "VRI"}}) {
    const std::string key = R"("source_id":")" + id + R"(",)";
    roster.replace(roster.find(key), key.size(), key + R"("abbreviation":")" + code + R"(",)");
  }
  return roster;
}

const std::map<std::string, std::string> kCodes{{"school:t1", "jan"}, {"school:t2", "vri"}};

std::int64_t unix_seconds(const std::string& iso) { return unix_ms(*parse_iso_utc(iso)) / 1000; }

TEST(PlanWithZermelo, NoConversationIsPlacedInALessonReadFromThePortal) {
  FakeZermelo fake;
  ScratchDir dir;
  write_file(dir / "roster.jsonl", roster_with_abbreviations());
  write_secret_file(dir / "zermelo-token", FakeZermelo::kToken);
  auto config = base_config(dir);
  config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
  // A second setting, so config check does not take the test plugin's settings for a secret
  // reference ({"file": …} alone).
  config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir / "roster.jsonl").string()}, {"fail_after", -1}};
  config["plugins"]["timetable"] = {{"plugin", "zermelo"},
                                    {"portal_url", fake.portal_url()},
                                    {"token", {{"file", (dir / "zermelo-token").string()}}}};
  config["planning"] = whole_year_planning();
  config["planning"]["mailer"] = "mail";
  const auto file = write_config(dir, config);
  const auto check = lobsync({"config", "check", "--config", file});
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  ASSERT_EQ(lobsync({"sync", "--config", file, "--json"}).exit_code, 0);

  const auto dry_run = lobsync({"plan", "--config", file, "--json", "--dry-run", "--verbose"});
  ASSERT_EQ(dry_run.exit_code, 0) << dry_run.out << dry_run.err;
  const auto dry = json::parse(dry_run.out);
  ASSERT_FALSE(dry["meetings"].empty()) << dry.dump();
  // A lesson exactly where each conversation would have gone.
  json lessons = json::array();
  for (const auto& m : dry["meetings"]) {
    lessons.push_back({{"start", unix_seconds(m["start"])}, {"end", unix_seconds(m["end"])}, {"type", "lesson"},
                       {"teachers", {kCodes.at(m["mentor"])}}, {"valid", true}, {"cancelled", false}});
  }
  fake.control({{"appointments", lessons}});

  const auto planned = lobsync({"plan", "--config", file, "--json", "--verbose"});
  ASSERT_EQ(planned.exit_code, 0) << planned.out << planned.err;
  const auto plan = json::parse(planned.out);
  EXPECT_EQ(plan["planned"], dry["planned"]) << plan.dump();
  for (const auto& m : plan["meetings"]) {
    const auto start = unix_seconds(m["start"]);
    const auto end = unix_seconds(m["end"]);
    for (const auto& a : fake.appointments_of(kCodes.at(m["mentor"]))) {
      if (!a.value("valid", true) || a.value("cancelled", false) || a.value("type", "") == "choice") continue;
      EXPECT_TRUE(end <= a["start"].get<std::int64_t>() || start >= a["end"].get<std::int64_t>())
          << "conversation " << m.dump() << " is in appointment " << a.dump();
    }
  }
  std::set<std::string> asked;
  for (const auto& r : fake.requests()) {
    if (r["user"].is_string()) asked.insert(r["user"]);
    EXPECT_EQ(r["auth"], "header") << r.dump();
  }
  EXPECT_EQ(asked, (std::set<std::string>{"jan", "vri"}));
}

}  // namespace
}  // namespace lobsync::test::zermelo_plan_test
