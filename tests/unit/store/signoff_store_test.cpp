// Sign-offs, sharing choices and the dossier queue in a real SQLite file: a second signature
// changes nothing, a second view replaces the first, a version is queued (with its outbox items)
// exactly once.
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::store::signoff_store_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

class SignoffStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() { return open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }
  test::ScratchDir dir_;
  ManualClock clock_{kT0};
};

TEST_F(SignoffStoreTest, SignaturesOnceViewsReplaced) {
  auto store = open();
  auto& s = store->signoffs();
  EXPECT_TRUE(s.add_signoff({"rec-1", 1, "src:p1", "parent", "signed", "", kT0}));
  EXPECT_FALSE(s.add_signoff({"rec-1", 1, "src:p1", "parent", "signed", "", kT0 + 1h})) << "already signed";
  EXPECT_TRUE(s.add_signoff({"rec-1", 2, "src:p1", "parent", "signed", "", kT0 + 2h})) << "another version";
  EXPECT_TRUE(s.add_signoff({"rec-1", 1, "src:p1", "parent", "view", "eerste", kT0 + 3h}));
  EXPECT_TRUE(s.add_signoff({"rec-1", 1, "src:p1", "parent", "view", "tweede", kT0 + 4h}));
  EXPECT_TRUE(s.add_signoff({"rec-2", 1, "src:p9", "parent", "signed", "", kT0}));
  const auto all = s.signoffs("rec-1");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].at, kT0) << "the first signature's time is kept";
  EXPECT_EQ(all[2].kind, "view");
  EXPECT_EQ(all[2].text, "tweede");
  EXPECT_THROW(s.add_signoff({"rec-1", 1, "src:p1", "mentor", "signed", "", kT0}), StoreError);
}

TEST_F(SignoffStoreTest, SharingIsTheLatestDecision) {
  auto store = open();
  EXPECT_FALSE(store->signoffs().sharing("rec-1"));
  store->signoffs().set_sharing("rec-1", {true, "src:s1", kT0});
  store->signoffs().set_sharing("rec-1", {false, "src:s1", kT0 + 1h});
  const auto d = store->signoffs().sharing("rec-1");
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->shared);
  EXPECT_EQ(d->at, kT0 + 1h);
}

TEST_F(SignoffStoreTest, AVersionIsQueuedOnceWithItsOutboxItems) {
  auto store = open();
  const std::vector<OutboxEntry> items{{"dossier:rec-1:v1@files", "files", "dossier.push", {{"a", 1}}},
                                       {"dossier:rec-1:v1@hook", "hook", "dossier.push", {{"a", 1}}}};
  EXPECT_TRUE(store->signoffs().queue_for_dossier({"rec-1", 1, "signed", {"files", "hook"}, kT0}, items));
  EXPECT_FALSE(store->signoffs().queue_for_dossier({"rec-1", 1, "deadline", {"files"}, kT0 + 1h},
                                                   {{"dossier:rec-1:v1@other", "other", "dossier.push", {}}}));
  EXPECT_FALSE(store->outbox().outbox_item("dossier:rec-1:v1@other")) << "nothing enqueued the second time";
  ASSERT_TRUE(store->outbox().outbox_item("dossier:rec-1:v1@hook"));
  const auto queued = store->signoffs().dossier_queued("rec-1");
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].reason, "signed");
  EXPECT_EQ(queued[0].sinks, (std::vector<std::string>{"files", "hook"}));
  EXPECT_TRUE(store->signoffs().queue_for_dossier({"rec-1", 2, "deadline", {"files"}, kT0 + 2h}, {}));
  EXPECT_EQ(store->signoffs().dossier_queued("rec-1").size(), 2u);
}

}  // namespace
}  // namespace lobsync::store::signoff_store_test
