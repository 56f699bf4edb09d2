// A full roster.read against the fake school: every kind mapped, links right, nothing emitted
// that roster-records.md does not allow, paging across many pages.
#include "somtoday_fixture.h"

#include "sync/record_validator.h"

#include <algorithm>
#include <set>

namespace lobsync::plugin_host::roster_read_test {
namespace {

using nlohmann::json;

const std::set<std::string> kAllowed = {
    "kind", "source_id", "name", "code", "student_number", "given_name", "family_name_prefix", "family_name",
    "birth_date", "email", "location", "group", "year", "level", "language", "active_from", "active_until",
    "initials", "is_organisation", "phone", "household", "students", "abbreviation", "staff", "student", "role",
    "record", "field", "message", "dropped"};

class RosterReadTest : public SomtodayTest {};

TEST_F(RosterReadTest, MapsEveryKindWithCorrectLinks) {
  test::FakeSomtoday fake(40, 2);
  const json school = fake.school();
  auto instance = make(settings(fake));
  CallResult result;
  const auto docs = read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;

  EXPECT_EQ(of_kind(docs, "location").size(), school["locations"].get<std::size_t>());
  EXPECT_EQ(of_kind(docs, "student").size(), school["students"].get<std::size_t>());
  EXPECT_EQ(of_kind(docs, "guardian").size(), school["guardians"].get<std::size_t>());
  EXPECT_EQ(of_kind(docs, "staff").size(), school["staff"].get<std::size_t>());  // shared one only once
  EXPECT_EQ(of_kind(docs, "group").size(), school["groups"].get<std::size_t>());
  EXPECT_EQ(of_kind(docs, "mentor").size(), school["mentors"].get<std::size_t>());

  // Only documented fields, and no personal data beyond them (the fake sends BSN and addresses).
  for (const auto& d : docs) {
    for (const auto& [key, value] : d.items()) EXPECT_TRUE(kAllowed.contains(key)) << key << " in " << d.dump();
    for (const auto& bsn : school["secrets"]["bsn"]) EXPECT_EQ(d.dump().find(bsn.get<std::string>()), std::string::npos);
    EXPECT_EQ(d.dump().find("Thuisweg"), std::string::npos);
  }

  // One student in full.
  const json& spot = school["spot"];
  const json* student = find(docs, "student", spot["uuid"]);
  ASSERT_NE(student, nullptr);
  const json& group = school["first_group"];
  EXPECT_EQ((*student)["given_name"], "Zoë");
  EXPECT_EQ((*student)["family_name_prefix"], "van der");
  EXPECT_EQ((*student)["family_name"], "Berg");
  EXPECT_EQ((*student)["student_number"], "100000");
  EXPECT_EQ((*student)["birth_date"], spot["geboortedatum"]);
  EXPECT_EQ((*student)["email"], "leerling100000@school.example");
  EXPECT_EQ((*student)["location"], school["vestigingen"][0]);
  EXPECT_EQ((*student)["group"], group["uuid"]);
  EXPECT_EQ((*student)["year"], 2);
  EXPECT_EQ((*student)["level"], "havo");
  EXPECT_EQ((*student)["active_from"], "2026-08-01");
  EXPECT_EQ((*student)["active_until"], "2027-07-31");

  // The group and its first/second mentors.
  const json* g = find(docs, "group", group["uuid"]);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ((*g)["name"], "2H1");
  EXPECT_EQ((*g)["level"], "havo");
  for (const auto& m : group["mentoren"]) {
    const std::string role = m["toewijzing"] == "EersteMentorStamgroep" ? "first" : "second";
    const json expected{{"kind", "mentor"}, {"staff", m["medewerker_uuid"]}, {"group", group["uuid"]}, {"role", role}};
    EXPECT_NE(std::find(docs.begin(), docs.end(), expected), docs.end()) << expected.dump();
  }
  // Its personal mentor (toewijzing Plaatsing).
  const auto mentors = of_kind(docs, "mentor");
  EXPECT_TRUE(std::any_of(mentors.begin(), mentors.end(), [&](const json& m) { return m.value("student", "") == spot["uuid"]; }));

  // Siblings (at different vestigingen) share both guardians; contact order from volgnummer.
  for (const auto& id : school["sibling_guardians"]) {
    const json* guardian = find(docs, "guardian", id);
    ASSERT_NE(guardian, nullptr);
    ASSERT_EQ((*guardian)["students"].size(), 2u) << guardian->dump();
    std::set<std::string> linked;
    for (const auto& s : (*guardian)["students"]) {
      linked.insert(s["student"].get<std::string>());
      EXPECT_TRUE(s["parental_authority"].get<bool>());
      EXPECT_TRUE(s["may_receive_mail"].get<bool>());
    }
    EXPECT_EQ(linked, (std::set<std::string>{school["siblings"][0], school["siblings"][1]}));
    EXPECT_EQ((*guardian)["family_name"], "Özdemir");
  }
  EXPECT_EQ((*find(docs, "guardian", school["sibling_guardians"][0]))["students"][0]["contact_order"], 1);
  EXPECT_EQ((*find(docs, "guardian", school["sibling_guardians"][1]))["students"][0]["contact_order"], 2);
  EXPECT_EQ((*find(docs, "guardian", school["sibling_guardians"][0]))["household"],
            (*find(docs, "guardian", school["sibling_guardians"][1]))["household"]);

  // Separated parents: two guardians, two households.
  const json* mother = find(docs, "guardian", school["two_households_guardians"][0]);
  const json* father = find(docs, "guardian", school["two_households_guardians"][1]);
  ASSERT_TRUE(mother && father);
  ASSERT_TRUE(mother->contains("household") && father->contains("household"));
  EXPECT_NE((*mother)["household"], (*father)["household"]);
  EXPECT_EQ((*mother)["students"][0]["relation"], "Moeder");

  // A guardian organisation (a documented guess: relatiesoort "Voogd(instelling)").
  const json* nidos = find(docs, "guardian", school["org_guardian"]);
  ASSERT_NE(nidos, nullptr);
  EXPECT_EQ((*nidos)["family_name"], "Nidos");
  EXPECT_EQ((*nidos)["is_organisation"], true);
  EXPECT_EQ((*nidos)["students"][0]["student"], school["org_student"]);

  // The 18+ student keeps a birth date that says so.
  EXPECT_EQ((*find(docs, "student", school["adult"]))["birth_date"], "2007-05-01");
}

TEST_F(RosterReadTest, DataProblemsBecomeProblemRecordsWithoutNames) {
  test::FakeSomtoday fake(20);
  const json school = fake.school();
  auto instance = make(settings(fake));
  CallResult result;
  const auto docs = read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  const auto problems = of_kind(docs, "problem");
  auto has = [&](const std::string& record, const std::string& field, const std::string& dropped) {
    return std::any_of(problems.begin(), problems.end(), [&](const json& p) {
      return p["record"] == record && p.value("field", "") == field && p["dropped"] == dropped;
    });
  };
  // An impossible date drops the value, a missing achternaam the record.
  const json* bad = find(docs, "student", school["bad_date"]);
  ASSERT_NE(bad, nullptr);
  EXPECT_FALSE(bad->contains("birth_date"));
  EXPECT_TRUE(has("leerling 100006", "geboortedatum", "value")) << json(problems).dump();
  EXPECT_TRUE(has("leerling 100007", "achternaam", "record")) << json(problems).dump();
  for (const auto& p : problems) EXPECT_EQ(p.dump().find("Zoë"), std::string::npos);
}

// The host's own record check (daemon/sync) keeps every record whole.
TEST_F(RosterReadTest, EveryRecordPassesTheHostsValidator) {
  test::FakeSomtoday fake(40, 2);
  auto instance = make(settings(fake));
  CallResult result;
  const auto docs = read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  for (const auto& d : docs) {
    if (d["kind"] == "problem") continue;
    const auto checked = sync::validate_record(d.dump());
    EXPECT_TRUE(checked.record.has_value()) << d.dump();
    for (const auto& p : checked.problems) ADD_FAILURE() << sync::to_json(p).dump() << " for " << d.dump();
  }
}

TEST_F(RosterReadTest, PagesThroughEveryEndpointWithTheConfiguredPageSize) {
  test::FakeSomtoday fake(40);
  const json school = fake.school();
  auto s = settings(fake);
  s["page_size"] = 7;
  auto instance = make(s);
  CallResult result;
  const auto docs = read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(of_kind(docs, "student").size(), school["students"].get<std::size_t>());
  EXPECT_EQ(of_kind(docs, "guardian").size(), school["guardians"].get<std::size_t>());

  // 40 leerlingen in pages of 7: offsets 0..35, the short page ends it.
  std::vector<std::string> leerling_pages;
  const json stats = fake.stats();  // kept: a range-for over a temporary's member would dangle
  for (const auto& r : stats["data_requests"]) {
    const auto path = r.get<std::string>();
    if (path.find("/leerling?") != std::string::npos) leerling_pages.push_back(path.substr(path.find('?')));
    EXPECT_TRUE(path.find("amount=") == std::string::npos || path.find("amount=7") != std::string::npos) << path;
  }
  ASSERT_EQ(leerling_pages.size(), 6u) << stats.dump();
  EXPECT_EQ(leerling_pages.front(), "?offset=0&amount=7");
  EXPECT_EQ(leerling_pages.back(), "?offset=35&amount=7");
}

}  // namespace
}  // namespace lobsync::plugin_host::roster_read_test
