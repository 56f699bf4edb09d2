// The OneRoster → roster mapping over the hand-made 1.1 and 1.2 exports in tests/data/oneroster.
#include "oneroster_fixture.h"

namespace lobsync::plugin_host::mapping_test {
namespace {

using nlohmann::json;

class OneRosterMapping : public OneRosterTest {};

TEST_F(OneRosterMapping, Version11FolderMapsEveryKind) {
  auto [result, docs] = read({{"path", fixture("v1.1").string()}, {"grade_years", "us"}});
  ASSERT_TRUE(result.ok()) << result.error;

  // Schools only: the district is not a location.
  ASSERT_EQ(of_kind(docs, "location").size(), 1u);
  EXPECT_EQ(by_id(docs, "location", "school-1"),
            (json{{"kind", "location"}, {"source_id", "school-1"}, {"name", "Stedelijk College Noord"}, {"code", "12AB00"}}));

  // Homeroom classes are groups; the scheduled 2H1 wiskunde is not.
  ASSERT_EQ(of_kind(docs, "group").size(), 2u);
  EXPECT_EQ(by_id(docs, "group", "class-2h1"),
            (json{{"kind", "group"}, {"source_id", "class-2h1"}, {"name", "2H1"}, {"year", 2}, {"location", "school-1"}}));
  EXPECT_EQ(by_id(docs, "group", "class-5v2")["year"], 5);

  EXPECT_EQ(by_id(docs, "student", "s-1"),
            (json{{"kind", "student"}, {"source_id", "s-1"}, {"given_name", "Zoë"}, {"family_name_prefix", "van"},
                  {"family_name", "Dijk"}, {"email", "zoe@leerling.example"}, {"location", "school-1"},
                  {"student_number", "12345"}, {"birth_date", "2012-03-04"}, {"group", "class-2h1"},
                  {"active_from", "2024-08-26"}, {"active_until", "2025-07-31"}, {"year", 2}}));
  EXPECT_EQ(of_kind(docs, "student").size(), 4u);

  EXPECT_EQ(by_id(docs, "staff", "t-2"),
            (json{{"kind", "staff"}, {"source_id", "t-2"}, {"given_name", "Piet"}, {"family_name_prefix", "de"},
                  {"family_name", "Vries"}, {"email", "p.devries@school.example"}, {"location", "school-1"}}));
  // Administrators have no place in the roster.
  EXPECT_EQ(of_kind(docs, "staff").size(), 2u);

  // Primary teacher enrollment = first mentor, the other = second; scheduled classes give none.
  auto mentors = of_kind(docs, "mentor");
  ASSERT_EQ(mentors.size(), 2u);
  EXPECT_EQ(mentors[0], (json{{"kind", "mentor"}, {"staff", "t-1"}, {"group", "class-2h1"}, {"role", "first"}}));
  EXPECT_EQ(mentors[1], (json{{"kind", "mentor"}, {"staff", "t-2"}, {"group", "class-2h1"}, {"role", "second"}}));
}

TEST_F(OneRosterMapping, GuardiansAreLinkedFromTheStudentSide) {
  auto [result, docs] = read({{"path", fixture("v1.1").string()}});
  ASSERT_TRUE(result.ok()) << result.error;
  // Zoë has two guardians; OneRoster has no address, so no household key.
  EXPECT_EQ(by_id(docs, "guardian", "p-1"),
            (json{{"kind", "guardian"}, {"source_id", "p-1"}, {"given_name", "Marieke"}, {"family_name_prefix", "van"},
                  {"family_name", "Dijk"}, {"email", "marieke@example.org"}, {"phone", "0612345678"},
                  {"students", {{{"student", "s-1"}, {"relation", "parent"}}}}}));
  EXPECT_EQ(by_id(docs, "guardian", "p-2")["students"], (json{{{"student", "s-1"}, {"relation", "parent"}}}));
  EXPECT_EQ(by_id(docs, "guardian", "p-2")["phone"], "0687654321");  // sms when phone is empty
  // Siblings share one guardian record.
  EXPECT_EQ(by_id(docs, "guardian", "p-3"),
            (json{{"kind", "guardian"}, {"source_id", "p-3"}, {"given_name", "Mehmet"}, {"family_name", "Özdemir"},
                  {"email", "m.ozdemir@example.org"},
                  {"students", {{{"student", "s-2"}, {"relation", "guardian"}}, {{"student", "s-3"}, {"relation", "guardian"}}}}}));
  // A relative no student lists cannot be a guardian record (it needs a student): a problem.
  EXPECT_TRUE(by_id(docs, "guardian", "p-4").is_null());
  auto unlinked = problems_at(docs, "users.csv line 11");
  ASSERT_EQ(unlinked.size(), 1u);
  EXPECT_EQ(unlinked[0]["dropped"], "record");
  // An agent id that is no guardian is reported on the student, without personal data.
  auto dangling = problems_at(docs, "student s-3");
  ASSERT_EQ(dangling.size(), 1u);
  EXPECT_EQ(dangling[0]["field"], "agentSourcedIds");
  EXPECT_NE(dangling[0]["message"].get<std::string>().find("x-unknown"), std::string::npos);
  EXPECT_EQ(of_kind(docs, "problem").size(), 2u) << json(docs).dump(1);
}

TEST_F(OneRosterMapping, AStudentWithoutGuardiansAndOver18KeepsItsBirthDate) {
  auto [result, docs] = read({{"path", fixture("v1.1").string()}});
  ASSERT_TRUE(result.ok()) << result.error;
  auto kasia = by_id(docs, "student", "s-4");
  EXPECT_EQ(kasia["family_name"], "Wiśniewska");
  EXPECT_EQ(kasia["birth_date"], "2006-01-15");
  EXPECT_FALSE(kasia.contains("year"));  // no grade_years setting: no year
  for (const auto& g : of_kind(docs, "guardian")) {
    for (const auto& link : g["students"]) EXPECT_NE(link["student"], "s-4");
  }
}

TEST_F(OneRosterMapping, Version12TakesRolesFromRolesCsvAndPreferredNames) {
  auto [result, docs] = read({{"path", fixture("v1.2").string()}, {"version", "1.2"}, {"grade_years", "us"}});
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(by_id(docs, "student", "s-1"),
            (json{{"kind", "student"}, {"source_id", "s-1"}, {"given_name", "Zoë"}, {"family_name", "Meijer"},
                  {"location", "school-1"}, {"student_number", "22345"}, {"birth_date", "2013-05-06"},
                  {"group", "class-1a"}, {"year", 1}}));
  EXPECT_EQ(by_id(docs, "guardian", "p-1")["family_name"], "Wiśniewska");
  EXPECT_EQ(by_id(docs, "guardian", "p-1")["students"], (json{{{"student", "s-1"}, {"relation", "parent"}}}));
  EXPECT_EQ(by_id(docs, "staff", "t-1")["family_name"], "Jansen");  // the secondary role does not count
  EXPECT_EQ(of_kind(docs, "mentor").size(), 1u);
  EXPECT_TRUE(of_kind(docs, "problem").empty()) << json(docs).dump(1);
}

TEST_F(OneRosterMapping, ReadsAZipAndWindows1252WhenConfigured) {
  const auto folder = fixture("v1.1");
  auto users = test::read_file(folder / "users.csv");
  // Excel's re-save: Ö and ë as single Windows-1252 bytes (ś cannot exist in Windows-1252).
  for (auto [from, to] : {std::pair{"Özdemir", "\xD6zdemir"}, std::pair{"Zoë", "Zo\xEB"}, std::pair{"Wiśniewska", "Wisniewska"}}) {
    for (auto at = users.find(from); at != std::string::npos; at = users.find(from)) users.replace(at, std::strlen(from), to);
  }
  test::write_file(folder / "users.csv", users);
  auto [result, docs] = read({{"path", zip(folder).string()}, {"encoding", "windows-1252"}});
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(by_id(docs, "student", "s-1")["given_name"], "Zoë");
  EXPECT_EQ(by_id(docs, "student", "s-2")["family_name"], "Özdemir");
}

TEST_F(OneRosterMapping, ConcatenatedExportWithARepeatedHeaderIsRead) {
  const auto folder = fixture("v1.1");
  auto demographics = test::read_file(folder / "demographics.csv");
  test::write_file(folder / "demographics.csv", demographics + "sourcedId,status,dateLastModified,birthDate,sex\n");
  auto [result, docs] = read({{"path", folder.string()}});
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(of_kind(docs, "problem").size(), 2u);
}

TEST_F(OneRosterMapping, SettingsAreValidatedWithPaths) {
  auto [result, docs] = read({{"encoding", "latin1"}});
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::config);
  EXPECT_NE(result.error.find("/path"), std::string::npos) << result.error;
  auto bad_grades = read({{"path", "/x"}, {"grade_years", {{"07", 9}}}});
  EXPECT_EQ(bad_grades.result.status, lobsync::plugin_host::CallStatus::config);
  EXPECT_NE(bad_grades.result.error.find("/grade_years/07"), std::string::npos) << bad_grades.result.error;
}

}  // namespace
}  // namespace lobsync::plugin_host::mapping_test
