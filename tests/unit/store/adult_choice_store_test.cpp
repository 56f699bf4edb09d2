// An adult student's choice whether the parents are invited, in a real SQLite file: asked once,
// answered and changed, kept per type and school year, forgotten when the student is purged.
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::store::adult_choice_store_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

class AdultChoiceStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() { return open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }
  test::ScratchDir dir_;
  ManualClock clock_{kT0};
};

TEST_F(AdultChoiceStoreTest, TheQuestionIsMarkedAskedOnce) {
  auto store = open();
  auto& choices = store->adult_choices();
  EXPECT_FALSE(choices.adult_choice("src:s1", "parents", "2026-2027"));
  EXPECT_TRUE(choices.mark_asked("src:s1", "parents", "2026-2027", kT0));
  EXPECT_FALSE(choices.mark_asked("src:s1", "parents", "2026-2027", kT0 + 24h)) << "asked once";
  const auto c = choices.adult_choice("src:s1", "parents", "2026-2027");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->asked_at, kT0);
  EXPECT_FALSE(c->answer);
  EXPECT_TRUE(choices.mark_asked("src:s1", "closing", "2026-2027", kT0)) << "each type is asked on its own";
  EXPECT_TRUE(choices.mark_asked("src:s1", "parents", "2027-2028", kT0)) << "and each school year";
}

TEST_F(AdultChoiceStoreTest, TheLatestAnswerCountsAndSurvivesAReopen) {
  {
    auto store = open();
    auto& choices = store->adult_choices();
    choices.mark_asked("src:s1", "parents", "2026-2027", kT0);
    choices.answer("src:s1", "parents", "2026-2027", AdultAnswer::parents, kT0 + 1h);
    choices.answer("src:s1", "parents", "2026-2027", AdultAnswer::alone, kT0 + 2h);
    choices.answer("src:s2", "parents", "2026-2027", AdultAnswer::parents, kT0 + 3h);  // answered before asked
    EXPECT_FALSE(choices.mark_asked("src:s1", "parents", "2026-2027", kT0 + 4h));
  }
  auto store = open();
  const auto all = store->adult_choices().adult_choices("2026-2027");
  ASSERT_EQ(all.size(), 2u);
  const auto& s1 = all.at({"src:s1", "parents"});
  EXPECT_EQ(s1.answer, AdultAnswer::alone);
  EXPECT_EQ(s1.answered_at, kT0 + 2h);
  EXPECT_EQ(s1.asked_at, kT0) << "an answer keeps when it was asked";
  EXPECT_EQ(all.at({"src:s2", "parents"}).answer, AdultAnswer::parents);
  EXPECT_FALSE(all.at({"src:s2", "parents"}).asked_at);
  EXPECT_TRUE(store->adult_choices().adult_choices("2027-2028").empty());
  EXPECT_STREQ(adult_answer_name(AdultAnswer::parents), "parents");
  EXPECT_STREQ(adult_answer_name(AdultAnswer::alone), "alone");
}

TEST_F(AdultChoiceStoreTest, APurgedStudentsChoicesAreForgotten) {
  auto store = open();
  const auto sync = [&](std::vector<StagedRecord> records, Instant at) {
    const auto run = store->roster().begin_sync_run("src", at);
    store->roster().stage(run, records);
    store->roster().apply_staged(run, at);
  };
  const StagedRecord s1{"student", "s1", R"({"given_name":"A","family_name":"B"})", "h1"};
  const StagedRecord s2{"student", "s2", R"({"given_name":"C","family_name":"D"})", "h2"};
  sync({s1, s2}, kT0);
  store->adult_choices().answer("src:s1", "parents", "2026-2027", AdultAnswer::parents, kT0);
  store->adult_choices().answer("src:s2", "parents", "2026-2027", AdultAnswer::alone, kT0);
  sync({StagedRecord::removed("student", "s1")}, kT0 + 1h);  // s1 left
  EXPECT_EQ(store->roster().purge_removed("src", kT0 + 48h), 1);
  const auto all = store->adult_choices().adult_choices("2026-2027");
  EXPECT_EQ(all.size(), 1u);
  EXPECT_TRUE(all.count({"src:s2", "parents"}));
}

}  // namespace
}  // namespace lobsync::store::adult_choice_store_test
