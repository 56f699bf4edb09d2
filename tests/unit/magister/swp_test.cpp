// The SWP mode against tests/fakes/magister/fake_swp.py: a whole school read through the real
// host, the login and error paths, and the faults the fake can inject.
#include "magister_fixture.h"

#include <cstdlib>

namespace lobsync::magister_test::swp_test {
namespace {

class SwpTest : public MagisterTest {
 protected:
  SwpTest() { ::setenv("LOBSYNC_TEST_SWP_PASSWORD", FakeSwp::kPassword, 1); }

  static json settings(const FakeSwp& swp) { return settings(swp.url()); }
  static json settings(const std::string& url) {
    return {{"mode", "swp"},
            {"url", url},
            {"username", "lobsync"},
            {"password", {{"env", "LOBSYNC_TEST_SWP_PASSWORD"}}},
            {"layouts", {{"parents", "lobsync_ouders"}, {"mentors", "lobsync_mentoren"}}}};
  }
};

std::set<std::string> linked_students(const json& guardian) {
  std::set<std::string> out;
  for (const auto& link : guardian["students"]) out.insert(link["student"].get<std::string>());
  return out;
}

TEST_F(SwpTest, ReadsTheWholeSchool) {
  FakeSwp swp({"--students", "20"});
  const auto read = this->read(settings(swp));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 20u);
  EXPECT_EQ(read.kind("staff").size(), 5u);
  EXPECT_EQ(read.kind("group").size(), 4u);
  EXPECT_EQ(read.kind("location").size(), 1u);
  EXPECT_EQ(read.kind("guardian").size(), 6u + 2u * 15u);  // see fake_swp.py
  EXPECT_EQ(read.kind("mentor").size(), 5u);
  EXPECT_TRUE(read.kind("problem").empty()) << read.dump();

  const auto polish = read.find("student", "1001");
  EXPECT_EQ(polish["family_name"], "Wiśniewska");
  EXPECT_EQ(polish["birth_date"], "2012-03-12");
  EXPECT_EQ(polish["group"], "klas:1H1");
  EXPECT_EQ(polish["level"], "havo");
  EXPECT_EQ(polish["year"], 1);
  EXPECT_EQ(polish["location"], "loc:Stedelijk College Noord");
  EXPECT_EQ(read.find("student", "1002")["family_name"], "Özdemir");
  EXPECT_EQ(read.find("student", "1002")["level"], "vwo");
  EXPECT_EQ(read.find("student", "1003")["level"], "vmbo-tl");
  EXPECT_EQ(read.find("student", "1004")["given_name"], "Zoë");
  EXPECT_EQ(read.find("student", "1004")["family_name_prefix"], "de");
  EXPECT_EQ(read.find("student", "1005")["birth_date"], "2000-02-02");  // the 18+ student
  EXPECT_EQ(read.find("group", "klas:4H2")["year"], 4);
  EXPECT_EQ(read.find("staff", "5002")["abbreviation"], "BAK");
  EXPECT_EQ(read.find("staff", "5002")["email"], "bak@school.example");
}

TEST_F(SwpTest, SiblingsShareTheirParentsAndSeparatedParentsAreTwoHouseholds) {
  FakeSwp swp;
  const auto read = this->read(settings(swp));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  const auto mother = read.find("guardian", "9002"), father = read.find("guardian", "9003");
  EXPECT_EQ(linked_students(mother), (std::set<std::string>{"1002", "1003"}));
  EXPECT_EQ(linked_students(father), (std::set<std::string>{"1002", "1003"}));
  EXPECT_EQ(mother["household"], father["household"]);
  EXPECT_EQ(mother["family_name"], "Özdemir");
  EXPECT_EQ(mother["students"][0]["relation"], "moeder");
  EXPECT_EQ(mother["students"][0]["parental_authority"], true);
  EXPECT_EQ(father["students"][0]["contact_order"], 2);

  const auto a = read.find("guardian", "9004"), b = read.find("guardian", "9005");
  EXPECT_EQ(linked_students(a), std::set<std::string>{"1004"});
  EXPECT_EQ(linked_students(b), std::set<std::string>{"1004"});
  ASSERT_TRUE(a["household"].is_string() && b["household"].is_string());
  EXPECT_NE(a["household"], b["household"]);

  std::set<std::string> households;
  for (const auto& g : read.kind("guardian")) households.insert(g["household"].get<std::string>());
  EXPECT_EQ(households.size(), 20u);  // one per generated family, two for 1004
}

TEST_F(SwpTest, MentorsPointAtStaffByCode) {
  FakeSwp swp;
  const auto read = this->read(settings(swp));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  const auto mentors = read.kind("mentor");
  EXPECT_NE(std::find(mentors.begin(), mentors.end(), json{{"kind", "mentor"}, {"staff", "5001"}, {"group", "klas:1H1"}, {"role", "first"}}),
            mentors.end());
  EXPECT_NE(std::find(mentors.begin(), mentors.end(), json{{"kind", "mentor"}, {"staff", "5005"}, {"group", "klas:4H2"}, {"role", "second"}}),
            mentors.end());
}

TEST_F(SwpTest, NoAddressLeavesThePlugin) {
  FakeSwp swp;
  const auto read = this->read(settings(swp));
  ASSERT_TRUE(read.result.ok());
  for (const auto& doc : read.docs) {
    const std::string text = doc.dump();
    EXPECT_FALSE(contains(text, "3512BB") || contains(text, "Schoolstraat") || contains(text, "Utrecht")) << text;
  }
}

TEST_F(SwpTest, Windows1252AnswersBecomeUtf8) {
  FakeSwp swp({"--encoding", "windows-1252"});
  const auto read = this->read(settings(swp));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.find("student", "1001")["family_name"], "Müller");
  EXPECT_EQ(read.find("student", "1002")["family_name"], "Özdemir");
  EXPECT_EQ(read.find("student", "1004")["given_name"], "Zoë");
}

TEST_F(SwpTest, AWrongPasswordIsAnAuthErrorThatDoesNotRepeatIt) {
  FakeSwp swp;
  const std::string wrong = "Verkeerd&Wachtwoord!";
  ::setenv("LOBSYNC_TEST_SWP_PASSWORD", wrong.c_str(), 1);
  const auto read = this->read(settings(swp));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::auth) << read.dump();
  EXPECT_TRUE(contains(read.result.error, "Gebruikersnaam of wachtwoord onjuist")) << read.result.error;
  EXPECT_FALSE(contains(read.result.error, wrong));
  EXPECT_FALSE(contains(read.result.error, "Verkeerd%26Wachtwoord"));
  EXPECT_TRUE(read.docs.empty());
}

TEST_F(SwpTest, AnUnreachableServerIsUnavailableAndThePasswordStaysOut) {
  const auto read = this->read(settings("http://127.0.0.1:1/doc"));  // nothing listens on port 1
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::unavailable);
  EXPECT_TRUE(contains(read.result.error, "Magister SWP: Login: no answer from the server")) << read.result.error;
  EXPECT_FALSE(contains(read.result.error, "Geheim")) << read.result.error;
}

TEST_F(SwpTest, AnUnknownLayoutFailsWithTheServersMessage) {
  FakeSwp swp;
  auto s = settings(swp);
  s["layouts"]["parents"] = "ouders_oud";
  const auto read = this->read(s);
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::permanent);
  EXPECT_TRUE(contains(read.result.error, "Layout 'ouders_oud' bestaat niet")) << read.result.error;
  EXPECT_TRUE(read.docs.empty()) << "everything is fetched before anything is emitted";
}

// Found by tests/fuzz/magister_swp: "&#x;" and "&#0;" decoded to a NUL byte, "&#xD800;" to a
// surrogate (invalid UTF-8). Character references outside XML's Char are kept as written.
TEST_F(SwpTest, OnlyRealCharacterReferencesAreDecodedInServerMessages) {
  FakeSwp swp;
  auto s = settings(swp);
  s["layouts"]["parents"] = "caf&#233;&#x;&#0;&#xD800;&#x110000;";  // the fake repeats it unescaped
  const auto read = this->read(s);
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::permanent);
  EXPECT_TRUE(contains(read.result.error, "Layout 'caf\xC3\xA9&#x;&#0;&#xD800;&#x110000;' bestaat niet")) << read.result.error;
  EXPECT_EQ(read.result.error.find('\0'), std::string::npos);
}

TEST_F(SwpTest, ARepeatedHeaderIsSkippedAndReported) {
  FakeSwp swp({"--repeat-header"});
  const auto read = this->read(settings(swp));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 20u);
  const auto problems = read.problems("repeated header row");
  ASSERT_EQ(problems.size(), 1u) << read.dump();
  EXPECT_TRUE(contains(problems[0]["record"].get<std::string>(), "GetActiveStudents line ")) << problems[0];
  EXPECT_EQ(problems[0]["dropped"], "record");
}

TEST_F(SwpTest, ATruncatedAnswerFailsNamingTheLine) {
  FakeSwp swp({"--truncate"});
  const auto read = this->read(settings(swp));
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  // Header on line 1, twenty students on lines 2-21: the last one is cut.
  EXPECT_TRUE(contains(read.result.error, "GetActiveStudents: line 21: unterminated")) << read.result.error;
}

}  // namespace
}  // namespace lobsync::magister_test::swp_test
