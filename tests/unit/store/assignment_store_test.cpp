// Home assignment states in a real SQLite file: open until marked done, the first marking's time
// and person kept, the answer replaced by a later one, and who responded remembered per person.
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::store::assignment_store_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

class AssignmentStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() { return open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }
  test::ScratchDir dir_;
  ManualClock clock_{kT0};
};

TEST_F(AssignmentStoreTest, OpenUntilMarkedDone) {
  auto store = open();
  EXPECT_FALSE(store->assignments().assignment("m-1"));
  EXPECT_FALSE(store->assignments().responded("m-1", "src:s1"));
}

TEST_F(AssignmentStoreTest, TheFirstMarkingStaysAndTheAnswerIsReplaced) {
  auto store = open();
  const auto first = store->assignments().mark_done("m-1", "qualities_together", "src:s1", "student", "Ik ben goed in tekenen", kT0);
  EXPECT_TRUE(first.done);
  EXPECT_EQ(first.done_at, kT0);
  EXPECT_EQ(first.done_by, "src:s1");
  EXPECT_EQ(first.done_by_role, "student");
  EXPECT_EQ(first.answer, "Ik ben goed in tekenen");

  store->assignments().mark_done("m-1", "three_professions_talk", "src:p1", "parent", "Wij zagen ook: helpen", kT0 + 1h);
  const auto later = store->assignments().assignment("m-1");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->template_id, "qualities_together") << "the template it was done with";
  EXPECT_EQ(later->done_at, kT0);
  EXPECT_EQ(later->done_by, "src:s1");
  EXPECT_EQ(later->answer, "Wij zagen ook: helpen");
  EXPECT_EQ(later->answer_by_role, "parent");
  EXPECT_EQ(later->updated_at, kT0 + 1h);

  EXPECT_TRUE(store->assignments().responded("m-1", "src:s1"));
  EXPECT_TRUE(store->assignments().responded("m-1", "src:p1"));
  EXPECT_FALSE(store->assignments().responded("m-1", "src:p2"));
  EXPECT_FALSE(store->assignments().responded("m-2", "src:s1"));
  EXPECT_FALSE(store->assignments().assignment("m-2"));
}

TEST_F(AssignmentStoreTest, OnlyStudentsAndParentsMarkItDone) {
  auto store = open();
  EXPECT_THROW(store->assignments().mark_done("m-1", "qualities_together", "src:t1", "mentor", "", kT0), StoreError);
  EXPECT_FALSE(store->assignments().assignment("m-1")) << "nothing half-written";
}

TEST_F(AssignmentStoreTest, SurvivesReopening) {
  open()->assignments().mark_done("m-1", "qualities_together", "src:p1", "parent", "", kT0);
  const auto again = open()->assignments().assignment("m-1");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->done_by_role, "parent");
  EXPECT_EQ(again->answer, "");
}

}  // namespace
}  // namespace lobsync::store::assignment_store_test
