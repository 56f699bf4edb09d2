// What people chose on their pages, in a real SQLite file: kept beside the roster (a sync never
// overrides it), shown by the school model, written into their meetings without a new version,
// and forgotten when the person is purged from the roster.
#include "store/school_model.h"
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::store::language_choice_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

StagedRecord record(std::string kind, std::string id, const nlohmann::json& payload) {
  return {std::move(kind), std::move(id), payload.dump(), std::to_string(std::hash<std::string>{}(payload.dump()))};
}

class LanguageChoiceTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() { return open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }

  // One applied sync of source "src" with these records.
  void sync(Store& store, const std::vector<StagedRecord>& records, Instant at) {
    const auto run = store.roster().begin_sync_run("src", at);
    store.roster().stage(run, records);
    store.roster().apply_staged(run, at);
  }

  std::vector<StagedRecord> family() {
    return {record("student", "s1", {{"given_name", "Emre"}, {"family_name", "Özdemir"}, {"language", "tr"}}),
            record("guardian", "p1", {{"family_name", "Özdemir"}, {"language", "tr"}, {"students", {{{"student", "s1"}}}}}),
            record("staff", "t1", {{"given_name", "Anna"}, {"family_name", "Jansen"}})};
  }

  domain::Meeting meeting(std::string id) {
    domain::Meeting m;
    m.id = std::move(id);
    m.type = "parents";
    m.student = "src:s1";
    m.mentor = "src:t1";
    m.start = kT0 + 48h;
    m.end = m.start + 20min;
    m.school_year = "2026-2027";
    m.participants = {{"mentor", "src:t1", "Anna Jansen", "a.jansen@school.example", ""},
                      {"student", "src:s1", "Emre Özdemir", "", "tr"},
                      {"parent", "src:p1", "Özdemir", "p@example.org", "tr"}};
    return m;
  }

  test::ScratchDir dir_;
  ManualClock clock_{kT0};
};

TEST_F(LanguageChoiceTest, AChoiceGoesBeforeWhatTheSourceSaysAndSurvivesTheNextSync) {
  auto store = open();
  sync(*store, family(), kT0);
  const auto before = store->roster().revision();
  store->roster().choose_language({"src:p1", "src:t1"}, "en", kT0 + 1h);
  EXPECT_NE(store->roster().revision(), before) << "the school model must be built again";
  EXPECT_EQ(store->roster().language_choices(), (std::map<std::string, std::string>{{"src:p1", "en"}, {"src:t1", "en"}}));

  sync(*store, family(), kT0 + 24h);  // the source still says Turkish
  const auto school = load_school(store->roster(), domain::default_guardian_organisations());
  EXPECT_EQ(school.guardians.at("src:p1").language, "en");
  EXPECT_EQ(school.staff.at("src:t1").language, "en");
  EXPECT_EQ(school.students.at("src:s1").language, "tr") << "a parent's choice is not the student's";

  store->roster().choose_language({"src:p1"}, "nl", kT0 + 25h);  // changed their mind
  EXPECT_EQ(load_school(store->roster(), domain::default_guardian_organisations()).guardians.at("src:p1").language, "nl");
}

TEST_F(LanguageChoiceTest, PurgingAPersonForgetsTheirChoice) {
  auto store = open();
  sync(*store, family(), kT0);
  store->roster().choose_language({"src:p1", "src:s1"}, "en", kT0);
  sync(*store, {StagedRecord::removed("guardian", "p1")}, kT0 + 24h);  // the parent left
  EXPECT_EQ(store->roster().language_choices().size(), 2u) << "removed, not yet purged: they may come back";
  EXPECT_EQ(store->roster().purge_removed("src", kT0 + 48h), 1);
  EXPECT_EQ(store->roster().language_choices(), (std::map<std::string, std::string>{{"src:s1", "en"}}));
}

TEST_F(LanguageChoiceTest, MeetingsTakeTheLanguageOfTheChosenPeopleOnlyWithoutANewVersion) {
  auto store = open();
  auto other = meeting("m-2");
  other.student = "src:s9";
  other.participants = {{"mentor", "src:t1", "Anna Jansen", "a.jansen@school.example", ""},
                        {"parent", "src:p10", "Somebody", "s@example.org", "ar"}};  // "src:p1" is a prefix of its key
  store->meetings().save({meeting("m-1"), other}, {}, kT0);

  EXPECT_EQ(store->meetings().set_participant_language({"src:p1"}, "en", kT0 + 1h), 1u);
  const auto m1 = *store->meetings().meeting("m-1");
  EXPECT_EQ(m1.sequence, 0);
  EXPECT_EQ(m1.participants[2].language, "en");
  EXPECT_EQ(m1.participants[1].language, "tr");
  EXPECT_EQ(m1.participants[0].language, "");
  EXPECT_EQ(store->meetings().meeting("m-2")->participants[1].language, "ar");

  // Unchanged when asked again; the mentor's choice reaches both of their meetings.
  EXPECT_EQ(store->meetings().set_participant_language({"src:p1"}, "en", kT0 + 2h), 0u);
  EXPECT_EQ(store->meetings().set_participant_language({"src:t1"}, "en", kT0 + 2h), 2u);
  EXPECT_EQ(store->meetings().meeting("m-2")->participants[0].language, "en");
  EXPECT_EQ(store->meetings().meeting("m-1")->participants[0].language, "en");
}

}  // namespace
}  // namespace lobsync::store::language_choice_test
