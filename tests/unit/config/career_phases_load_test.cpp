// The career phase of each school year per level, and a type's own phase: the shipped ones, a
// school's own, and every mistake named by its JSON pointer.
#include "config/load.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

namespace lobsync::config::career_phases_load_test {
namespace {

using Phases = std::vector<std::string>;

TEST(CareerPhasesConfig, EveryLevelShipsAPhasePerYearEndingInTheDecision) {
  const auto r = parse_text("{}", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& p = r.config->planning;
  for (const auto level : domain::kLevels) {
    ASSERT_TRUE(p.career_phases.count(std::string(level))) << level;
    const auto& phases = p.career_phases.at(std::string(level));
    const int final_year = domain::final_year_of(level);
    if (final_year > 0) {
      EXPECT_EQ(static_cast<int>(phases.size()), final_year) << level;
      EXPECT_EQ(phases.back(), "beslissen") << level << ": the final year is the year of the decision";
    }
    EXPECT_EQ(phases.front(), "orienteren") << level;
  }
  EXPECT_EQ(p.career_phases.at("vmbo-kb"), (Phases{"orienteren", "verkennen", "verdiepen", "beslissen"}));
  EXPECT_EQ(p.career_phases.at("havo"), (Phases{"orienteren", "orienteren", "verkennen", "verdiepen", "beslissen"}));
  EXPECT_EQ(p.type("isk_closing")->career_phase, "beslissen");
  EXPECT_EQ(p.type("closing")->career_phase, "beslissen");
  EXPECT_TRUE(p.type("parents")->career_phase.empty()) << "by year and level";
}

TEST(CareerPhasesConfig, ASchoolReplacesALevelsListAndATypesPhase) {
  const auto r = parse_text(R"({"planning": {
    "career_phases": {"havo": ["orienteren", "verkennen", "verkennen", "verdiepen", "beslissen"]},
    "types": {"introduction": {"career_phase": "orienteren"}, "closing": {"career_phase": null}}}})",
                            "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& p = r.config->planning;
  EXPECT_EQ(p.career_phases.at("havo"), (Phases{"orienteren", "verkennen", "verkennen", "verdiepen", "beslissen"}));
  EXPECT_EQ(p.career_phases.at("vwo").size(), 6u) << "levels left out keep the shipped list";
  EXPECT_EQ(p.type("introduction")->career_phase, "orienteren");
  EXPECT_TRUE(p.type("closing")->career_phase.empty()) << "null gives the phase back to year and level";
}

TEST(CareerPhasesConfig, MistakesNameTheirPointer) {
  const auto r = parse_text(R"({"planning": {
    "career_phases": {"mbo": ["orienteren"], "havo": [], "vwo": ["orienteren", "oriënteren", 3],
                      "isk": "orienteren", "pro": ["orienteren", "orienteren", "orienteren", "orienteren",
                                                   "orienteren", "orienteren", "beslissen"]},
    "types": {"parents": {"career_phase": "kiezen"}, "individual": {"career_phase": 2}}}})",
                            "x.json");
  ASSERT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/planning/career_phases/mbo", "must be a level")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/planning/career_phases/havo", "1 to 6 phases"));
  EXPECT_TRUE(has_problem(r, "/planning/career_phases/vwo/1", "must be a career phase"));
  EXPECT_TRUE(has_problem(r, "/planning/career_phases/vwo/2", "must be a career phase"));
  EXPECT_TRUE(has_problem(r, "/planning/career_phases/isk", "1 to 6 phases"));
  EXPECT_TRUE(has_problem(r, "/planning/career_phases/pro", "1 to 6 phases"));
  EXPECT_TRUE(has_problem(r, "/planning/types/parents/career_phase", "\"verkennen\""));
  EXPECT_TRUE(has_problem(r, "/planning/types/individual/career_phase", "must be a career phase"));
}

}  // namespace
}  // namespace lobsync::config::career_phases_load_test
