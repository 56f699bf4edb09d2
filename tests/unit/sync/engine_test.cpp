// The sync engine end to end: a real plugin module streaming records into a real SQLite store.
#include "unit/sync/roster_fixture.h"

#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "sync/sync_summary.h"

#include <set>

namespace lobsync::sync::test_roster::engine_test {
namespace {

using namespace std::chrono_literals;

TEST_F(SyncTest, FirstSyncAddsEverything) {
  write_roster(school(20));
  auto r = sync();
  ASSERT_EQ(r.status, "applied") << r.reason;
  EXPECT_EQ(r.counts["student"].added, 20);
  EXPECT_EQ(r.counts["guardian"].added, 19);
  EXPECT_EQ(r.counts["group"].added, 2);
  EXPECT_EQ(r.counts["mentor"].added, 2);
  EXPECT_EQ(r.problems_total, 0u);
  EXPECT_EQ(active("student"), 20u);
  // Names survive the trip as UTF-8.
  EXPECT_EQ(store_->roster().records("student").at(0).payload["given_name"], "Zoë");
  EXPECT_EQ(store_->roster().records("guardian").at(0).payload["family_name"], "Wiśniewska");
}

TEST_F(SyncTest, UnchangedResyncChangesNothing) {
  write_roster(school(20));
  ASSERT_EQ(sync().status, "applied");
  auto r = sync();
  EXPECT_EQ(r.status, "applied");
  EXPECT_EQ(r.counts["student"].unchanged, 20);
  EXPECT_EQ(r.counts["student"].added + r.counts["student"].updated + r.counts["student"].removed, 0);
}

TEST_F(SyncTest, ClassChangeIsAnUpdate) {
  auto roster = school(20);
  write_roster(roster);
  ASSERT_EQ(sync().status, "applied");
  for (auto& r : roster) {
    if (r["kind"] == "student" && r["source_id"] == "s-4") r["group"] = "g-1";
  }
  write_roster(roster);
  auto r = sync();
  EXPECT_EQ(r.counts["student"].updated, 1);
  for (const auto& s : store_->roster().records("student")) {
    if (s.source_id == "s-4") {
      EXPECT_EQ(s.payload["group"], "g-1");
    }
  }
}

TEST_F(SyncTest, LeaverIsSoftDeletedAndRevivedWithHistory) {
  auto roster = school(40);
  write_roster(roster);
  ASSERT_EQ(sync().status, "applied");
  const auto first_seen = store_->roster().records("student").at(0).first_seen;
  std::erase_if(roster, [](const json& r) { return r["kind"] == "student" && r["source_id"] == "s-3"; });
  write_roster(roster);
  clock_.advance(24h);
  auto left = sync();
  ASSERT_EQ(left.status, "applied") << left.reason;
  EXPECT_EQ(left.counts["student"].removed, 1);
  EXPECT_EQ(active("student"), 39u);
  EXPECT_EQ(store_->roster().records("student", true).size(), 40u);  // kept, marked removed
  // A guardian now links to a student who left: reported, not fatal.
  EXPECT_GE(left.problems_total, 1u);

  write_roster(school(40));
  clock_.advance(24h);
  auto back = sync();
  EXPECT_EQ(back.counts["student"].added, 1);
  EXPECT_EQ(active("student"), 40u);
  for (const auto& s : store_->roster().records("student")) {
    if (s.source_id == "s-0") {
      EXPECT_EQ(s.first_seen, first_seen);
    }
    if (s.source_id == "s-3") {
      EXPECT_FALSE(s.removed_at);
    }
  }
}

TEST_F(SyncTest, LeaversArePurgedAfterTheGracePeriod) {
  auto roster = school(40);
  write_roster(roster);
  ASSERT_EQ(sync().status, "applied");
  std::erase_if(roster, [](const json& r) { return r["kind"] == "student" && r["source_id"] == "s-3"; });
  write_roster(roster);
  ASSERT_EQ(sync().status, "applied");
  settings_.leaver_grace_days = 30;
  clock_.advance(std::chrono::days(31));
  ASSERT_EQ(sync().status, "applied");
  EXPECT_EQ(store_->roster().records("student", true).size(), 39u);
}

TEST_F(SyncTest, TruncatedExportIsHeldThenApprovable) {
  auto full = school(40);
  write_roster(full);
  ASSERT_EQ(sync().status, "applied");
  write_roster(std::vector<json>(full.begin(), full.begin() + 12));  // cut off part-way
  auto held = sync();
  ASSERT_EQ(held.status, "held");
  EXPECT_NE(held.reason.find("would remove"), std::string::npos) << held.reason;
  EXPECT_NE(held.reason.find("--approve " + std::to_string(held.run_id)), std::string::npos);
  EXPECT_EQ(active("student"), 40u);  // nobody deleted

  auto approved = engine_.approve(held.run_id, settings_);
  ASSERT_EQ(approved.status, "applied") << approved.reason;
  EXPECT_LT(active("student"), 40u);
  EXPECT_EQ(store_->roster().sync_run(held.run_id)->status, "applied");
  // The same run cannot be approved twice.
  EXPECT_EQ(engine_.approve(held.run_id, settings_).status, "failed");
}

// Issue 11: an unchanged record costs a hash comparison, not a write. A held run keeps exactly
// its changes (one class change, twenty leavers), and approving it applies them.
TEST_F(SyncTest, OnlyTheChangesAreStagedAndApprovingAppliesThem) {
  auto roster = school(40);
  write_roster(roster);
  ASSERT_EQ(sync().status, "applied");
  for (auto& r : roster)
    if (r["kind"] == "student" && r["source_id"] == "s-4") r["group"] = "g-1";
  const auto leaver = [](const json& r) {
    const auto id = r.value("source_id", std::string());
    return id.starts_with("s-3") || id.starts_with("p-3");  // s-3, p-3 and s-30 … s-39, p-30 … p-39
  };
  std::erase_if(roster, leaver);
  write_roster(roster);
  const auto held = sync();
  ASSERT_EQ(held.status, "held") << held.reason;
  EXPECT_EQ(held.counts.at("student").updated, 1);
  EXPECT_EQ(held.counts.at("student").removed, 11);
  EXPECT_EQ(held.counts.at("student").unchanged, 28);
  EXPECT_EQ(held.counts.at("guardian").removed, 11);

  auto db = store::sqlite::Database::open(dir_ / "lobsync.db");
  store::sqlite::Statement staged(db, "SELECT COUNT(*), COUNT(payload) FROM roster_staging WHERE run_id = ?1");
  staged.bind(1, held.run_id);
  ASSERT_TRUE(staged.step());
  EXPECT_EQ(staged.int64(0), 23) << "one change and 22 removals, nothing of the 63 unchanged records";
  EXPECT_EQ(staged.int64(1), 1) << "a removal carries no payload";

  const auto approved = engine_.approve(held.run_id, settings_);
  ASSERT_EQ(approved.status, "applied") << approved.reason;
  EXPECT_EQ(active("student"), 29u);
  EXPECT_EQ(active("guardian"), 28u);
  for (const auto& s : store_->roster().records("student")) {
    if (s.source_id == "s-4") {
      EXPECT_EQ(s.payload["group"], "g-1");
    }
  }
  const auto again = sync();
  EXPECT_EQ(again.status, "applied");
  EXPECT_EQ(again.counts.at("student").unchanged, 29);
  EXPECT_EQ(again.counts.at("student").added + again.counts.at("student").updated + again.counts.at("student").removed, 0);
}

// The changes are compared with the records as a run found them: a run of the same source
// applied meanwhile (two syncs at once) makes them wrong, so this one applies nothing.
TEST_F(SyncTest, ARunOverlappedByAnAppliedOneAppliesNothing) {
  auto roster = school(600);  // more than 1,000 records: the progress callback runs while reading
  write_roster(roster);
  ASSERT_EQ(sync().status, "applied");
  std::string error;
  auto source = plugin_host::PluginInstance::create(*catalog_.find("test-roster-lines"), "school",
                                                    {{"file", (dir_ / "roster.jsonl").string()}, {"fail_after", -1}},
                                                    services_, error);
  ASSERT_TRUE(source) << error;
  SyncResult inner;
  const auto outer = engine_.run(*source, settings_, {}, [&](std::size_t) {
    if (inner.run_id == 0) inner = sync();
  });
  ASSERT_EQ(inner.status, "applied") << inner.reason;
  EXPECT_EQ(outer.status, "failed");
  EXPECT_NE(outer.reason.find("run " + std::to_string(inner.run_id)), std::string::npos) << outer.reason;
  EXPECT_FALSE(store_->roster().sync_run(outer.run_id)->staged) << "its changes are dropped";
}

// Runs held before the upgrade to staged changes held whole snapshots, which cannot be read
// as changes: the upgrade drops them and approving says to sync again.
TEST(SyncUpgrade, ARunHeldBeforeStagingChangesMustBeSyncedAgain) {
  test::ScratchDir dir;
  const auto file = dir / "lobsync.db";
  {
    auto db = store::sqlite::Database::open(file);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (const auto& m : store::sqlite::migrations()) {
      if (m.version >= 18) break;
      db.exec(m.sql);
      db.exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", 0)");
    }
    db.exec("INSERT INTO sync_runs (id, source, started_at_ms, status) VALUES (7, 'school', 1000, 'held')");
    db.exec("INSERT INTO roster_staging VALUES (7, 'student', 's-1', '{}', 'h1'), (7, 'student', 's-2', '{}', 'h2')");
  }
  ManualClock clock(instant_from_unix_ms(1'790'000'000'000));
  auto store = store::open_store({"sqlite", file}, clock);
  EXPECT_FALSE(store->roster().sync_run(7)->staged);
  SyncEngine engine(*store, clock, date::locate_zone("Europe/Amsterdam"));
  const auto refused = engine.approve(7, config::SyncSettings{});
  EXPECT_EQ(refused.status, "failed");
  EXPECT_NE(refused.reason.find("no longer stored"), std::string::npos) << refused.reason;
}

TEST_F(SyncTest, ApprovalOfAStaleHeldRunIsRefused) {
  auto full = school(40);
  write_roster(full);
  ASSERT_EQ(sync().status, "applied");
  write_roster(std::vector<json>(full.begin(), full.begin() + 12));
  auto held = sync();
  ASSERT_EQ(held.status, "held");
  write_roster(full);
  ASSERT_EQ(sync().status, "applied");
  auto refused = engine_.approve(held.run_id, settings_);
  EXPECT_EQ(refused.status, "failed");
  EXPECT_NE(refused.reason.find("newer sync"), std::string::npos) << refused.reason;
  EXPECT_EQ(active("student"), 40u);
}

TEST_F(SyncTest, EmptyExportIsHeldEvenTheFirstTime) {
  write_roster({});
  auto r = sync();
  EXPECT_EQ(r.status, "held");
  EXPECT_NE(r.reason.find("no students"), std::string::npos);
  write_roster({school(3)[0]});  // header-only equivalent: a location, no students
  EXPECT_EQ(sync().status, "held");
}

TEST_F(SyncTest, DeletionThresholdCountsAsWellAsPercent) {
  settings_.max_removed_count = 5;
  settings_.max_removed_percent = 100;
  auto full = school(40);
  write_roster(full);
  ASSERT_EQ(sync().status, "applied");
  std::erase_if(full, [](const json& r) {
    return r["kind"] == "student" && std::stoi(r["source_id"].get<std::string>().substr(2)) >= 34;
  });
  write_roster(full);
  auto r = sync();
  EXPECT_EQ(r.status, "held");
  EXPECT_NE(r.reason.find("6 of 40 students"), std::string::npos) << r.reason;
}

TEST_F(SyncTest, SourceFailureAppliesNothing) {
  write_roster(school(20));
  ASSERT_EQ(sync().status, "applied");
  auto roster = school(20);
  roster.back()["family_name"] = "Changed";
  write_roster(roster);
  auto r = sync({}, 10);
  EXPECT_EQ(r.status, "failed");
  EXPECT_NE(r.reason.find("connection lost"), std::string::npos) << r.reason;
  EXPECT_EQ(r.records_read, 10u);
  EXPECT_FALSE(store_->roster().sync_run(r.run_id)->staged);
  for (const auto& g : store_->roster().records("guardian")) EXPECT_NE(g.payload["family_name"], "Changed");
}

TEST_F(SyncTest, DryRunChangesNothing) {
  write_roster(school(20));
  auto r = sync({.dry_run = true});
  EXPECT_EQ(r.status, "dry-run");
  EXPECT_EQ(r.counts["student"].added, 20);
  EXPECT_EQ(active("student"), 0u);
}

TEST_F(SyncTest, WindowIsEnforcedUnlessForced) {
  settings_.has_window = true;
  settings_.window_from_minute = 22 * 60;
  settings_.window_to_minute = 6 * 60;
  write_roster(school(5));
  // 2026-07-01 12:00 UTC = 14:00 in Amsterdam: outside 22:00-06:00.
  clock_.set(instant_from_unix_ms(1'782'907'200'000));
  auto outside = sync();
  EXPECT_EQ(outside.status, "failed");
  EXPECT_NE(outside.reason.find("22:00-06:00"), std::string::npos);
  EXPECT_EQ(sync({.force = true}).status, "applied");
  // 2026-07-01 00:30 UTC = 02:30 CEST: inside.
  clock_.set(instant_from_unix_ms(1'782'865'800'000));
  EXPECT_EQ(sync().status, "applied");
}

TEST_F(SyncTest, BadRecordsAreReportedAndTheRestApplied) {
  auto roster = school(20);
  for (const auto& r : school(20)) {
    if (r["kind"] == "student" && r["source_id"] == "s-6") roster.push_back(r);  // duplicate student
  }
  roster.push_back({{"kind", "student"}, {"source_id", "s-bad"}, {"given_name", "A"}});           // no family name
  roster.push_back({{"kind", "student"}, {"source_id", "s-date"}, {"given_name", "B"}, {"family_name", "C"},
                    {"birth_date", "2012-02-30"}, {"email", "not-an-address"}});
  roster.push_back({{"kind", "group"}, {"source_id", "g-x"}, {"name", "X"}, {"year", 9}});
  roster.push_back({{"kind", "guardian"}, {"source_id", "p-x"}, {"family_name", "D"}, {"students", json::array({{{"student", "s-ghost"}}})}});
  roster.push_back({{"kind", "spaceship"}, {"source_id", "x"}});
  roster.push_back({{"kind", "problem"}, {"record", "leerlingen.csv line 7"}, {"field", "geb_datum"}, {"message", "not a date"}, {"dropped", "value"}});
  write_roster(roster, {"{not json", "[1,2]"});
  auto r = sync();
  ASSERT_EQ(r.status, "applied") << r.reason;
  auto has = [&](const std::string& record, const std::string& field, const std::string& text) {
    for (const auto& p : r.problems) {
      if (p.record == record && p.field == field && p.message.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("student s-6", "source_id", "more than once"));
  EXPECT_TRUE(has("student s-bad", "family_name", "missing"));
  EXPECT_TRUE(has("student s-date", "birth_date", "not a date"));
  EXPECT_TRUE(has("student s-date", "email", "not a usable e-mail address"));
  EXPECT_TRUE(has("group g-x", "year", "from 1 to 6"));
  EXPECT_TRUE(has("guardian p-x", "students", "s-ghost"));
  EXPECT_TRUE(has("(record)", "kind", "spaceship"));
  EXPECT_TRUE(has("leerlingen.csv line 7", "geb_datum", "not a date"));
  EXPECT_TRUE(has("(unreadable record)", "", "not a JSON object"));
  EXPECT_EQ(active("student"), 21u);  // 20 + s-date (its bad values dropped), not s-bad
  for (const auto& s : store_->roster().records("student")) {
    if (s.source_id == "s-date") {
      EXPECT_FALSE(s.payload.contains("birth_date"));
      EXPECT_FALSE(s.payload.contains("email"));
    }
  }
}

TEST_F(SyncTest, DirectionCharactersAreRemovedFromNamesAndReportedWithTheRecordKept) {
  auto roster = school(3);
  for (auto& r : roster) {
    if (r["kind"] == "student" && r["source_id"] == "s-0") {
      r["given_name"] = "Zo\u00eb\u202e";                          // RIGHT-TO-LEFT OVERRIDE
      r["family_name"] = "\u2067\u00d6zdemir\u2069\u200f";      // an isolate and a mark
      r["phone"] = "+31 6 1111 2222";
    }
  }
  roster.push_back({{"kind", "problem"}, {"record", "student s-2"}, {"field", "Achternaam"},
                    {"message", "a '?' stands where a letter was"}, {"dropped", "nothing"}});
  write_roster(roster);
  const auto r = sync();
  ASSERT_EQ(r.status, "applied") << r.reason;
  EXPECT_EQ(active("student"), 3u);
  for (const auto& s : store_->roster().records("student")) {
    if (s.source_id != "s-0") continue;
    EXPECT_EQ(s.payload["given_name"], "Zo\u00eb");
    EXPECT_EQ(s.payload["family_name"], "\u00d6zdemir");
    EXPECT_EQ(s.payload["phone"], "+31 6 1111 2222");
  }
  std::set<std::string> seen;
  for (const auto& p : r.problems) {
    EXPECT_EQ(p.dropped, "nothing") << p.record << " " << p.field << ": " << p.message;
    seen.insert(p.record + " " + p.field);
    // The problem names the record and the field, never the name.
    EXPECT_EQ(p.message.find("zdemir"), std::string::npos) << p.message;
  }
  EXPECT_EQ(seen, (std::set<std::string>{"student s-0 given_name", "student s-0 family_name", "student s-2 Achternaam"}));
  EXPECT_NE(summary(r).find("(kept)"), std::string::npos) << summary(r);
}

TEST_F(SyncTest, UnknownFieldsNeverReachTheStore) {
  auto roster = school(3);
  for (auto& r : roster) {
    if (r["kind"] == "student") r["bsn"] = "123456782";
  }
  write_roster(roster);
  ASSERT_EQ(sync().status, "applied");
  for (const auto& s : store_->roster().records("student")) EXPECT_FALSE(s.payload.contains("bsn"));
}

TEST_F(SyncTest, RunsAreStoredWithCountsAndProblems) {
  write_roster(school(4), {"garbage"});
  auto r = sync();
  const auto run = store_->roster().sync_run(r.run_id);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, "applied");
  EXPECT_EQ(run->counts["students"]["added"], 4);
  EXPECT_EQ(run->problems.size(), 1u);
  const auto j = to_json(r);
  for (const char* key : {"source", "run_id", "status", "counts", "problems"}) EXPECT_TRUE(j.contains(key)) << key;
  for (const char* entity : {"students", "guardians", "staff", "groups"}) {
    for (const char* n : {"added", "updated", "removed", "unchanged"}) EXPECT_TRUE(j["counts"][entity].contains(n));
  }
  for (const char* key : {"record", "field", "message"}) EXPECT_TRUE(j["problems"][0].contains(key));
}

}  // namespace
}  // namespace lobsync::sync::test_roster::engine_test
