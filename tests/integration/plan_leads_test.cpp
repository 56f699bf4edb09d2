// Who leads, through the whole chain: the config names a decaan and shares the individual talks
// with a second mentor; `lobsync plan` gives the conversations to them, the plan report shows
// their load, and the family's mail calls the decaan a decaan.
#include "daemon_fixture.h"
#include "planning_school.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

namespace lobsync::test::plan_leads_test {
namespace {

using nlohmann::json;

// The shared school plus a second mentor for 1A and a decaan who mentors nobody.
std::string roster_with_leads() {
  return std::string(kRoster) +
         R"({"kind":"staff","source_id":"t5","given_name":"Sanne","family_name":"Smit","email":"s.smit@school.example"}
{"kind":"staff","source_id":"t9","given_name":"Wim","family_name":"Kok","abbreviation":"KOK","email":"w.kok@school.example"}
{"kind":"mentor","staff":"t5","group":"1a","role":"second"}
)";
}

TEST(PlanLeads, TheDecaanAndTheSecondMentorLeadWhatThePolicyGivesThem) {
  ScratchDir dir;
  write_file(dir / "roster.jsonl", roster_with_leads());
  auto config = base_config(dir);
  config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
  config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir / "roster.jsonl").string()}};
  config["planning"] = whole_year_planning();
  config["planning"]["mailer"] = "mail";
  config["planning"]["decanen"] = {{"havo", "kok"}};
  config["planning"]["types"]["parents"]["leads"] = {"decaan"};
  config["planning"]["types"]["individual"]["leads"] = {"mentor", "second_mentor"};
  const auto file = write_config(dir, config);
  ASSERT_EQ(lobsync({"sync", "--config", file}).exit_code, 0);

  const auto plan = lobsync({"plan", "--config", file, "--json", "--verbose"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  const auto report = json::parse(plan.out);
  std::map<std::string, std::map<std::string, int>> leads;  // type → lead → meetings
  for (const auto& m : report["meetings"]) ++leads[m["type"]][m["mentor"]];
  // Every parents' conversation of these havo classes goes to the decaan.
  EXPECT_EQ(leads["parents"], (std::map<std::string, int>{{"school:t9", 3}}));
  // 1A's two individual talks are shared by its first and second mentor; 3H has one mentor.
  EXPECT_EQ(leads["individual"], (std::map<std::string, int>{{"school:t1", 1}, {"school:t5", 1}, {"school:t2", 2}}));
  EXPECT_TRUE(report["load"]["per_week"].contains("school:t9")) << report["load"].dump();

  ASSERT_EQ(lobsync({"dispatch", "--config", file}).exit_code, 0);
  std::vector<std::string> argv{python(), (source_dir() / "tests/fakes/ical/parse_mime.py").string()};
  for (const auto& entry : std::filesystem::directory_iterator(dir / "mail")) argv.push_back(entry.path().string());
  const auto parsed = run(argv, std::chrono::seconds(60));
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  int to_organisation = 0, to_parent = 0;
  for (const auto& mail : json::parse(parsed.out)) {
    const auto to = mail["to"].get<std::string>();
    const auto text = mail["text"].is_string() ? mail["text"].get<std::string>() : std::string();
    if (to.find("voogd@nidos.example") != std::string::npos) {  // Dutch
      ++to_organisation;
      EXPECT_NE(text.find("met decaan Wim Kok"), std::string::npos) << text;
      EXPECT_NE(text.find("Decaan: Wim Kok"), std::string::npos) << text;
      EXPECT_EQ(text.find("Mentor:"), std::string::npos) << text;
    }
    if (to.find("ozdemir@home.example") != std::string::npos) {  // Turkish
      ++to_parent;
      EXPECT_NE(text.find("kariyer danışmanı Wim Kok"), std::string::npos) << text;
    }
  }
  EXPECT_EQ(to_organisation, 1);
  EXPECT_EQ(to_parent, 2);  // one invitation per child
}

}  // namespace
}  // namespace lobsync::test::plan_leads_test
