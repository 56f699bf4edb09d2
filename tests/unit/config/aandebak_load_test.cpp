// Which conversation types ask the mentor whether the AanDeBak-garantie was discussed: shipped
// for the profile and study choices (seed 002), switchable per type, a mistake named.
#include "config/load.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

namespace lobsync::config::aandebak_load_test {
namespace {

TEST(AanDeBakConfig, TheChoiceConversationsAskItAndASchoolMayChange) {
  const auto shipped = parse_text("{}", "x.json");
  ASSERT_TRUE(shipped.config) << problems_text(shipped);
  for (const auto& type : shipped.config->planning.types)
    EXPECT_EQ(type.aandebak, type.id == "profile_choice" || type.id == "follow_up_education") << type.id;

  const auto r = parse_text(R"({"planning": {"types": {"follow_up_education": {"aandebak": false},
    "sector_orientation": {"with_parents": true, "weeks": "10-12", "aandebak": true}}}})",
                            "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_TRUE(r.config->planning.type("profile_choice")->aandebak);
  EXPECT_FALSE(r.config->planning.type("follow_up_education")->aandebak);
  EXPECT_TRUE(r.config->planning.type("sector_orientation")->aandebak);

  const auto bad = parse_text(R"({"planning": {"types": {"parents": {"aandebak": "ja"}}}})", "x.json");
  ASSERT_FALSE(bad.config);
  EXPECT_TRUE(has_problem(bad, "/planning/types/parents/aandebak", "")) << problems_text(bad);
}

}  // namespace
}  // namespace lobsync::config::aandebak_load_test
