// school.guardian_organisations in the config, and how the host recognises an organisation by
// the source's flag, a word of its name or its relation to the student.
#include "config/load.h"
#include "domain/guardian_organisations.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

namespace lobsync::config::guardian_organisations_test {
namespace {

LoadResult with_school(const std::string& school) { return parse_text(R"({"school": )" + school + "}", "/etc/lobsync.json"); }

domain::Guardian guardian(std::string name, std::string relation = "") {
  domain::Guardian g;
  g.key = "src:" + name;
  g.family_name = std::move(name);
  g.students.push_back({"src:s1", std::move(relation), true, true, 1});
  return g;
}

bool recognised(const domain::Guardian& g, const domain::GuardianOrganisations& rules) {
  domain::School school;
  school.guardians[g.key] = g;
  domain::recognise_guardian_organisations(school, rules);
  return school.guardians.at(g.key).is_organisation;
}

TEST(GuardianOrganisations, TheShippedListRecognisesByWholeWordsAndByRelation) {
  const auto rules = domain::default_guardian_organisations();
  EXPECT_TRUE(recognised(guardian("Stichting Nidos"), rules));
  EXPECT_TRUE(recognised(guardian("NIDOS Utrecht"), rules));
  EXPECT_TRUE(recognised(guardian("William Schrikker Stichting Jeugdbescherming & Jeugdreclassering"), rules));
  EXPECT_TRUE(recognised(guardian("Verweij", "Voogd(instelling)"), rules)) << "Somtoday's relation for an institution";
  EXPECT_FALSE(recognised(guardian("Verweij", "Voogd"), rules)) << "a guardian may be a person";
  EXPECT_FALSE(recognised(guardian("Nidosz"), rules)) << "a part of a word is not the word";
  EXPECT_FALSE(recognised(guardian("Özdemir", "Moeder"), rules));
  auto flagged = guardian("Özdemir");
  flagged.is_organisation = true;  // the source said so
  EXPECT_TRUE(recognised(flagged, {}));
}

TEST(GuardianOrganisations, TheSchoolsListReplacesTheShippedOne) {
  const auto r = with_school(R"({"name": "X", "guardian_organisations": {"names": ["Jeugdzorg Noord"], "relations": ["gezinsvoogd"]}})");
  ASSERT_TRUE(r.config) << (r.problems.empty() ? "" : r.problems[0].message);
  EXPECT_EQ(r.config->guardian_organisations.names, std::vector<std::string>{"Jeugdzorg Noord"});
  EXPECT_EQ(r.config->guardian_organisations.relations, std::vector<std::string>{"gezinsvoogd"});
  EXPECT_FALSE(recognised(guardian("Stichting Nidos"), r.config->guardian_organisations));
  EXPECT_TRUE(recognised(guardian("Jeugdzorg Noord"), r.config->guardian_organisations));
  const auto shipped = with_school(R"({"name": "X"})");
  ASSERT_TRUE(shipped.config);
  EXPECT_EQ(shipped.config->guardian_organisations.names, domain::default_guardian_organisations().names);
}

TEST(GuardianOrganisations, BadListsAreProblemsAtTheirEntries) {
  EXPECT_TRUE(has_problem(with_school(R"({"guardian_organisations": []})"), "/school/guardian_organisations", "object"));
  EXPECT_TRUE(has_problem(with_school(R"({"guardian_organisations": {"names": "Nidos"}})"), "/school/guardian_organisations/names",
                          "list of texts"));
  EXPECT_TRUE(has_problem(with_school(R"({"guardian_organisations": {"names": ["Nidos", 7]}})"),
                          "/school/guardian_organisations/names/1", "must be a text"));
  EXPECT_TRUE(has_problem(with_school(R"({"guardian_organisations": {"relations": ["  "]}})"),
                          "/school/guardian_organisations/relations/0", "1 to 100 characters"));
  EXPECT_TRUE(has_problem(with_school(R"({"guardian_organisations": {"name": ["Nidos"]}})"),
                          "/school/guardian_organisations/name", "unknown key"));
}

}  // namespace
}  // namespace lobsync::config::guardian_organisations_test
