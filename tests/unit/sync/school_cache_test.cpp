// The school model the daemon's pages share: built once, built again only after the roster
// changed, also when another process (a `lobsync sync` next to `serve`) changed it.
#include "store/school_model.h"
#include "unit/sync/roster_fixture.h"

namespace lobsync::sync::test_roster::school_cache_test {
namespace {

TEST_F(SyncTest, TheSchoolModelIsBuiltAgainOnlyAfterTheRosterChanged) {
  write_roster(school(4));
  ASSERT_EQ(sync().status, "applied");
  store::SchoolCache cache;
  const auto first = cache.get(store_->roster(), domain::default_guardian_organisations());
  ASSERT_EQ(first->students.size(), 4u);
  EXPECT_EQ(cache.get(store_->roster(), domain::default_guardian_organisations()).get(), first.get()) << "nothing changed: the same model";

  ASSERT_EQ(sync().status, "applied");  // the same roster again changes no record
  EXPECT_EQ(cache.get(store_->roster(), domain::default_guardian_organisations()).get(), first.get()) << "an unchanged nightly roster keeps the model";

  write_roster(school(5));
  ASSERT_EQ(sync().status, "applied");
  const auto second = cache.get(store_->roster(), domain::default_guardian_organisations());
  EXPECT_NE(second.get(), first.get());
  EXPECT_EQ(second->students.size(), 5u);
  EXPECT_EQ(first->students.size(), 4u) << "a model handed out never changes under its holder";
}

TEST_F(SyncTest, TheSchoolModelSeesARosterChangedByAnotherProcess) {
  write_roster(school(4));
  ASSERT_EQ(sync().status, "applied");
  store::SchoolCache cache;
  const auto first = cache.get(store_->roster(), domain::default_guardian_organisations());

  // Another connection to the same database file, as a second process has.
  auto other = store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_);
  SyncEngine other_engine(*other, clock_, date::locate_zone("Europe/Amsterdam"));
  write_roster(school(6));
  std::string error;
  auto source = plugin_host::PluginInstance::create(*catalog_.find("test-roster-lines"), "school",
                                                    {{"file", (dir_ / "roster.jsonl").string()}}, services_, error);
  ASSERT_TRUE(source) << error;
  ASSERT_EQ(other_engine.run(*source, settings_, {}).status, "applied");

  const auto second = cache.get(store_->roster(), domain::default_guardian_organisations());
  EXPECT_NE(second.get(), first.get());
  EXPECT_EQ(second->students.size(), 6u);
}

TEST_F(SyncTest, PurgingLeaversChangesTheSchoolModelsRevision) {
  settings_.max_removed_percent = 100;  // a leaver in a tiny school is not a suspicious sync here
  write_roster(school(4));
  ASSERT_EQ(sync().status, "applied");
  write_roster(school(3));
  ASSERT_EQ(sync().status, "applied");
  const auto before = store_->roster().revision();
  EXPECT_EQ(store_->roster().purge_removed("nobody", clock_.now()), 0);
  EXPECT_EQ(store_->roster().revision(), before) << "nothing purged, nothing changed";
  clock_.advance(std::chrono::hours(24));
  EXPECT_GT(store_->roster().purge_removed("school", clock_.now()), 0);
  EXPECT_GT(store_->roster().revision(), before);
}

}  // namespace
}  // namespace lobsync::sync::test_roster::school_cache_test
