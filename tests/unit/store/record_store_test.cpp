// Records and API tokens in a real SQLite file: versions accumulate per meeting, the meeting
// becomes held, tokens are found by hash until revoked.
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::store::record_store_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

domain::Meeting meeting(std::string id, std::string student, Instant start) {
  domain::Meeting m;
  m.id = std::move(id);
  m.type = "individual";
  m.student = std::move(student);
  m.mentor = "src:t1";
  m.start = start;
  m.end = start + 20min;
  m.school_year = "2026-2027";
  return m;
}

class RecordStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() { return open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }
  test::ScratchDir dir_;
  ManualClock clock_{kT0};
};

TEST_F(RecordStoreTest, EditsAddVersionsAndTheMeetingIsHeld) {
  auto store = open();
  store->meetings().save({meeting("m-2", "src:s1", kT0 + 48h), meeting("m-1", "src:s1", kT0 + 24h),
                          meeting("m-3", "src:s2", kT0 + 24h)},
                         {}, kT0);
  const auto first = store->records().add_record_version("m-1", "rec-a", {{"v", 1}}, kT0 + 25h);
  const auto second = store->records().add_record_version("m-1", "rec-ignored", {{"v", 2}}, kT0 + 26h);
  const auto other = store->records().add_record_version("m-2", "rec-b", {{"v", 3}}, kT0 + 49h);
  store->records().add_record_version("m-3", "rec-c", {{"v", 4}}, kT0 + 49h);
  EXPECT_EQ(first.id, "rec-a");
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(second.id, "rec-a");
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(other.version, 1);

  const auto held = store->meetings().meeting("m-1");
  ASSERT_TRUE(held);
  EXPECT_EQ(held->status, domain::kHeld);
  EXPECT_EQ(held->sequence, 1) << "raised once, not on every edit";

  const auto records = store->records().student_records("src:s1");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].meeting, "m-1") << "by meeting start";
  EXPECT_EQ(records[0].type, "individual");
  ASSERT_EQ(records[0].versions.size(), 2u);
  EXPECT_EQ(records[0].versions[0].body["v"], 1);
  EXPECT_EQ(records[0].versions[1].body["v"], 2);
  EXPECT_EQ(records[0].versions[1].created_at, kT0 + 26h);
  EXPECT_EQ(records[1].id, "rec-b");
  EXPECT_TRUE(store->records().student_records("src:nobody").empty());
}

TEST_F(RecordStoreTest, UnknownMeetingIsAnErrorAndWritesNothing) {
  auto store = open();
  EXPECT_THROW(store->records().add_record_version("m-x", "rec-x", {{"v", 1}}, kT0), StoreError);
}

TEST_F(RecordStoreTest, TokensAreFoundByHashUntilRevoked) {
  auto store = open();
  store->records().add_api_token("hash-1", "src:t1", kT0);
  store->records().add_api_token("hash-2", "src:t1", kT0);
  store->records().add_api_token("hash-3", "src:t2", kT0);
  EXPECT_EQ(store->records().api_token_staff("hash-1"), "src:t1");
  EXPECT_EQ(store->records().api_token_staff("hash-x"), std::nullopt);
  EXPECT_EQ(store->records().revoke_api_tokens("src:t1", kT0 + 1h), 2u);
  EXPECT_EQ(store->records().revoke_api_tokens("src:t1", kT0 + 2h), 0u);
  EXPECT_EQ(store->records().api_token_staff("hash-1"), std::nullopt);
  EXPECT_EQ(store->records().api_token_staff("hash-2"), std::nullopt);
  EXPECT_EQ(store->records().api_token_staff("hash-3"), "src:t2");
}

}  // namespace
}  // namespace lobsync::store::record_store_test
