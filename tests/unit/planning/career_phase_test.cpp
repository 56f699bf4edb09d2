// The career phase a conversation belongs to (seed 004: oriënteren, verkennen, verdiepen,
// beslissen): by the student's level and school year, or the type's own.
#include "domain/career_phase.h"
#include "planning_fixture.h"

namespace lobsync::planning::test::career_phase_test {
namespace {

using domain::career_phase;

TEST(CareerPhase, TheShippedPolicyFollowsEachLevelsChoices) {
  const auto p = domain::default_policy();
  const auto& parents = *p.type("parents");
  EXPECT_EQ(career_phase(p, parents, "vmbo-bb", 1), "orienteren");
  EXPECT_EQ(career_phase(p, parents, "vmbo-bb", 2), "verkennen") << "the sector choice in year 2";
  EXPECT_EQ(career_phase(p, parents, "vmbo-tl", 3), "verdiepen");
  EXPECT_EQ(career_phase(p, parents, "vmbo-tl", 4), "beslissen");
  EXPECT_EQ(career_phase(p, parents, "havo", 2), "orienteren");
  EXPECT_EQ(career_phase(p, parents, "havo", 3), "verkennen") << "the profile choice in year 3";
  EXPECT_EQ(career_phase(p, parents, "havo", 5), "beslissen");
  EXPECT_EQ(career_phase(p, parents, "vwo", 5), "verdiepen");
  EXPECT_EQ(career_phase(p, parents, "vwo", 6), "beslissen");
  EXPECT_EQ(career_phase(p, parents, "isk", 1), "orienteren");
  EXPECT_EQ(career_phase(p, *p.type("isk_closing"), "isk", 1), "beslissen") << "the type's own phase";
}

TEST(CareerPhase, AnUnknownYearTakesTheFirstAndALaterYearTheLast) {
  auto p = domain::default_policy();
  const auto& individual = *p.type("individual");
  EXPECT_EQ(career_phase(p, individual, "havo", 0), "orienteren");
  EXPECT_EQ(career_phase(p, individual, "vmbo-kb", 5), "beslissen") << "a student who stays on";
  EXPECT_EQ(career_phase(p, individual, "", 2), "verkennen") << "an unknown level reads as other";
  p.career_phases.erase("other");
  EXPECT_EQ(career_phase(p, individual, "other", 2), "") << "no list for the level: no phase";
  EXPECT_EQ(career_phase(p, individual, "", 2), "");
}

TEST(CareerPhase, AMeetingsPhaseIsItsStudentsAsTheRosterKnowsThem) {
  SchoolBuilder b;
  b.mentor("t1").group("3h1", "t1", 3, "havo").student("s1", "3h1");
  const auto school = b.build();
  const auto p = domain::default_policy();
  domain::Meeting m;
  m.type = "parents";
  m.student = "s1";
  EXPECT_EQ(domain::career_phase_of(school, p, m), "verkennen");
  m.type = "closing";
  EXPECT_EQ(domain::career_phase_of(school, p, m), "beslissen");
  m.type = "gone";
  EXPECT_EQ(domain::career_phase_of(school, p, m), "") << "a type the policy no longer has";
  m.type = "parents";
  m.student = "left";
  EXPECT_EQ(domain::career_phase_of(school, p, m), "") << "a student no longer on the roster";
}

}  // namespace
}  // namespace lobsync::planning::test::career_phase_test
