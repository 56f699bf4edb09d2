// The SQLite store against real files in a scratch folder.
#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <atomic>
#include <thread>

namespace lobsync::store::sqlite_store_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'774'000'000'000);  // 2026-03-20, an arbitrary fixed instant

StoreSettings sqlite_at(const std::filesystem::path& file) { return {"sqlite", file}; }

int schema_rows(const std::filesystem::path& file) {
  auto db = sqlite::Database::open(file);
  sqlite::Statement query(db, "SELECT COUNT(*) FROM schema_migrations");
  EXPECT_TRUE(query.step());
  return static_cast<int>(query.int64(0));
}

mode_t mode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(SqliteStore, FreshDatabaseMigratesToLatest) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  const auto file = dir / "state/lobsync.db";
  auto store = open_store(sqlite_at(file), clock);
  const StoreInfo info = store->info();
  EXPECT_EQ(info.driver, "sqlite");
  EXPECT_EQ(info.location, file.string());
  EXPECT_GE(info.latest_known_version, 1);
  EXPECT_EQ(info.schema_version, info.latest_known_version);
  EXPECT_TRUE(store->ping());
  EXPECT_EQ(schema_rows(file), info.latest_known_version);
}

TEST(SqliteStore, CreatesPrivateFileAndFolder) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  const auto file = dir / "new/lobsync.db";
  auto store = open_store(sqlite_at(file), clock);
  EXPECT_EQ(mode_of(dir / "new"), 0700u);
  EXPECT_EQ(mode_of(file), 0600u);
}

TEST(SqliteStore, ReopenIsIdempotent) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  const auto file = dir / "lobsync.db";
  open_store(sqlite_at(file), clock)->begin_job_run("sync", kT0, kT0);
  clock.advance(1h);
  auto again = open_store(sqlite_at(file), clock);
  EXPECT_EQ(again->info().schema_version, sqlite::latest_schema_version());
  EXPECT_EQ(schema_rows(file), sqlite::latest_schema_version());
  EXPECT_EQ(again->recent_job_runs(10).size(), 1u);  // data survived, nothing recreated
}

TEST(SqliteStore, RefusesNewerSchema) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  const auto file = dir / "lobsync.db";
  open_store(sqlite_at(file), clock);
  {
    auto db = sqlite::Database::open(file);
    // One past the newest this build knows, whatever that is.
    sqlite::Statement insert(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, 0)");
    insert.bind(1, std::int64_t{sqlite::latest_schema_version() + 1}).run();
  }
  try {
    open_store(sqlite_at(file), clock);
    FAIL() << "a newer schema was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()), "database " + file.string() +
                                         " has schema version " + std::to_string(sqlite::latest_schema_version() + 1) +
                                         ", written by a newer lobsync; this version knows up to " +
                                         std::to_string(sqlite::latest_schema_version()));
  }
}

TEST(SqliteStore, RefusesUnknownDriver) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  try {
    open_store({"mysql", dir / "lobsync.db"}, clock);
    FAIL() << "an unknown driver was accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown driver \"mysql\""), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "lobsync.db"));
}

TEST(SqliteStore, RefusesUnwritablePathNamingIt) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  // A regular file where a folder should be: fails even for root, unlike chmod tricks.
  test::write_file(dir / "blocker", "not a folder");
  const auto file = dir / "blocker/sub/lobsync.db";
  try {
    open_store(sqlite_at(file), clock);
    FAIL() << "an unusable path was accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Not a directory"), std::string::npos) << e.what();
  }
}

TEST(SqliteStore, RefusesFolderAsDatabaseFile) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  std::filesystem::create_directories(dir / "lobsync.db");
  try {
    open_store(sqlite_at(dir / "lobsync.db"), clock);
    FAIL() << "a folder was accepted as database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find((dir / "lobsync.db").string()), std::string::npos) << e.what();
  }
}

TEST(SqliteStore, JobRunsRoundTrip) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  auto store = open_store(sqlite_at(dir / "lobsync.db"), clock);
  EXPECT_FALSE(store->last_job_run("sync"));
  EXPECT_FALSE(store->job_run_for_slot("sync", kT0));

  const Instant slot1 = kT0;
  const Instant slot2 = kT0 + 24h;
  const auto first = store->begin_job_run("sync", slot1, slot1 + 5ms);
  store->finish_job_run(first, "ok", "42 students", slot1 + 2s);
  const auto second = store->begin_job_run("sync", slot2, slot2 + 7ms);
  const auto other = store->begin_job_run("plan", slot2, slot2 + 9ms);
  store->finish_job_run(other, "failed", "calendar unreachable", slot2 + 3s);

  auto run = store->job_run_for_slot("sync", slot1);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->id, first);
  EXPECT_EQ(run->job, "sync");
  EXPECT_EQ(run->scheduled_for, slot1);
  EXPECT_EQ(run->started_at, slot1 + 5ms);
  ASSERT_TRUE(run->finished_at);
  EXPECT_EQ(*run->finished_at, slot1 + 2s);
  EXPECT_EQ(run->outcome, "ok");
  EXPECT_EQ(run->detail, "42 students");

  EXPECT_FALSE(store->job_run_for_slot("sync", slot1 + 1ms));
  EXPECT_FALSE(store->job_run_for_slot("dispatch", slot1));

  auto last = store->last_job_run("sync");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->id, second);
  EXPECT_EQ(last->outcome, "running");
  EXPECT_FALSE(last->finished_at);

  auto recent = store->recent_job_runs(2);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].id, other);
  EXPECT_EQ(recent[0].outcome, "failed");
  EXPECT_EQ(recent[1].id, second);
  EXPECT_EQ(store->recent_job_runs(100).size(), 3u);
}

TEST(SqliteStore, FinishRejectsUnknownIdAndOutcome) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  auto store = open_store(sqlite_at(dir / "lobsync.db"), clock);
  EXPECT_THROW(store->finish_job_run(999, "ok", "", kT0), StoreError);
  const auto id = store->begin_job_run("sync", kT0, kT0);
  EXPECT_THROW(store->finish_job_run(id, "great", "", kT0), StoreError);
  EXPECT_THROW(store->finish_job_run(id, "running", "", kT0), StoreError);
  EXPECT_EQ(store->last_job_run("sync")->outcome, "running");
}

TEST(SqliteStore, RunLeftRunningIsMarkedInterruptedOnlyWhenAsked) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  const auto file = dir / "lobsync.db";
  std::int64_t crashed = 0;
  std::int64_t finished = 0;
  {
    auto store = open_store(sqlite_at(file), clock);
    finished = store->begin_job_run("plan", kT0, kT0);
    store->finish_job_run(finished, "ok", "done", kT0 + 1s);
    crashed = store->begin_job_run("sync", kT0, kT0);
  }  // closed without finishing: what a crash leaves behind
  clock.set(kT0 + 10min);
  auto store = open_store(sqlite_at(file), clock);
  // Opening alone (a CLI command next to a live daemon) leaves a running run alone.
  EXPECT_EQ(store->job_run_for_slot("sync", kT0)->outcome, "running");
  EXPECT_EQ(store->mark_interrupted_runs(clock.now()), 1u);
  auto run = store->job_run_for_slot("sync", kT0);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->id, crashed);
  EXPECT_EQ(run->outcome, "interrupted");
  ASSERT_TRUE(run->finished_at);
  EXPECT_EQ(*run->finished_at, kT0 + 10min);
  auto untouched = store->job_run_for_slot("plan", kT0);
  ASSERT_TRUE(untouched);
  EXPECT_EQ(untouched->outcome, "ok");
  EXPECT_EQ(untouched->detail, "done");
}

TEST(SqliteStore, AuditRoundTrip) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  auto store = open_store(sqlite_at(dir / "lobsync.db"), clock);
  const nlohmann::json detail = {{"count", 3}, {"ids", {"s-1", "s-2"}}, {"note", "één"}};
  store->audit("admin", "roster.apply", "school:1", detail, kT0);
  store->audit("system", "job.run", "sync", nlohmann::json::object(), kT0 + 1s);

  auto entries = store->recent_audit(10);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].actor, "system");
  EXPECT_EQ(entries[0].at, kT0 + 1s);
  EXPECT_EQ(entries[1].actor, "admin");
  EXPECT_EQ(entries[1].action, "roster.apply");
  EXPECT_EQ(entries[1].subject, "school:1");
  EXPECT_EQ(entries[1].at, kT0);
  EXPECT_EQ(entries[1].detail, detail);
  EXPECT_LT(entries[1].id, entries[0].id);
  EXPECT_EQ(store->recent_audit(1).size(), 1u);
}

TEST(SqliteStore, ValuesAreBoundNotSpliced) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  auto store = open_store(sqlite_at(dir / "lobsync.db"), clock);
  const std::string hostile = "x'); DROP TABLE job_runs; --";
  const auto id = store->begin_job_run(hostile, kT0, kT0);
  store->finish_job_run(id, "ok", hostile, kT0);
  auto run = store->job_run_for_slot(hostile, kT0);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->job, hostile);
  EXPECT_EQ(run->detail, hostile);
}

TEST(SqliteStore, WalModeIsOn) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  const auto file = dir / "lobsync.db";
  auto store = open_store(sqlite_at(file), clock);
  // A second, independent connection sees the mode stored in the file itself.
  auto db = sqlite::Database::open(file);
  sqlite::Statement query(db, "PRAGMA journal_mode");
  ASSERT_TRUE(query.step());
  EXPECT_EQ(query.text(0), "wal");
}

TEST(SqliteStore, ConcurrentWritersDoNotFail) {
  test::ScratchDir dir;
  ManualClock clock(kT0);
  const auto file = dir / "lobsync.db";
  auto shared = open_store(sqlite_at(file), clock);
  auto second_connection = open_store(sqlite_at(file), clock);  // another writer on the same file
  constexpr int kPerThread = 200;
  std::atomic<int> failures{0};
  auto writer = [&](Store& store, std::string job) {
    for (int i = 0; i < kPerThread; ++i) {
      try {
        const Instant slot = kT0 + std::chrono::minutes(i);
        const auto id = store.begin_job_run(job, slot, slot);
        store.audit("test", "write", job, {{"i", i}}, slot);
        store.finish_job_run(id, "ok", "", slot + 1s);
      } catch (const std::exception&) {
        ++failures;
      }
    }
  };
  std::thread a(writer, std::ref(*shared), "a");
  std::thread b(writer, std::ref(*shared), "b");
  std::thread c(writer, std::ref(*second_connection), "c");
  a.join();
  b.join();
  c.join();
  EXPECT_EQ(failures.load(), 0);
  const auto runs = shared->recent_job_runs(10'000);
  EXPECT_EQ(runs.size(), 3u * kPerThread);
  for (const auto& run : runs) EXPECT_EQ(run.outcome, "ok");
  EXPECT_EQ(shared->recent_audit(10'000).size(), 3u * kPerThread);
}

}  // namespace
}  // namespace lobsync::store::sqlite_store_test
