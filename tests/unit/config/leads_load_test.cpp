// Who leads a conversation type, and the decanen per level: read from the config, every mistake
// named by its JSON pointer.
#include "config/load.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

namespace lobsync::config::leads_load_test {
namespace {

TEST(LeadsConfig, TheShippedPolicyLetsTheDecaanShareTheChoiceConversations) {
  const auto r = parse_text("{}", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& p = r.config->planning;
  EXPECT_EQ(p.type("profile_choice")->leads, (std::vector<std::string>{"mentor", "decaan"}));
  EXPECT_EQ(p.type("follow_up_education")->leads, (std::vector<std::string>{"mentor", "decaan"}));
  EXPECT_TRUE(p.type("individual")->leads.empty());  // the first mentor
  EXPECT_TRUE(p.decanen.empty());
}

TEST(LeadsConfig, LeadsPerTypeAndLevelAndDecanenAreRead) {
  const auto r = parse_text(R"({"planning": {
    "decanen": {"havo": "DCN", "vwo": ["dcn", "w.de.vries@school.example"]},
    "types": {"individual": {"leads": ["mentor", "second_mentor"], "leads_by_level": {"vwo": ["decaan"]}}}}})",
                            "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& p = r.config->planning;
  EXPECT_EQ(p.decanen.at("havo"), (std::vector<std::string>{"DCN"}));
  EXPECT_EQ(p.decanen.at("vwo"), (std::vector<std::string>{"dcn", "w.de.vries@school.example"}));
  const auto* t = p.type("individual");
  EXPECT_EQ(t->leads, (std::vector<std::string>{"mentor", "second_mentor"}));
  EXPECT_EQ(t->leads_by_level.at("vwo"), (std::vector<std::string>{"decaan"}));
}

TEST(LeadsConfig, MistakesNameTheirPointer) {
  const auto r = parse_text(R"({"planning": {
    "decanen": {"mbo": "X", "havo": [], "vwo": ["ok", 7]},
    "types": {"individual": {"leads": ["mentor", "principal", "mentor"], "leads_by_level": {"hbo": ["mentor"], "vwo": []}},
              "parents": {"leads": "decaan"}}}})",
                            "x.json");
  ASSERT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/planning/decanen/mbo", "must be a level")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/planning/decanen/havo", "1 to 20 staff"));
  EXPECT_TRUE(has_problem(r, "/planning/decanen/vwo/1", "abbreviation"));
  EXPECT_TRUE(has_problem(r, "/planning/types/individual/leads/1", "second_mentor"));
  EXPECT_TRUE(has_problem(r, "/planning/types/individual/leads/2", "twice"));
  EXPECT_TRUE(has_problem(r, "/planning/types/individual/leads_by_level/hbo", "must be a level"));
  EXPECT_TRUE(has_problem(r, "/planning/types/individual/leads_by_level/vwo", "non-empty list"));
  EXPECT_TRUE(has_problem(r, "/planning/types/parents/leads", "non-empty list"));
}

}  // namespace
}  // namespace lobsync::config::leads_load_test
