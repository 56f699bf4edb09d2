// The students' own reports in a real SQLite file (migration 15): every edit is a new version,
// all versions are kept with what was written, reports are found by meeting and by student, and
// a report of a meeting that does not exist is refused.
#include "store/sqlite/migrations.h"
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::store::student_report_store_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

domain::Meeting meeting(const std::string& id, const std::string& student, Instant start) {
  domain::Meeting m;
  m.id = id;
  m.type = "individual";
  m.student = student;
  m.mentor = "src:t1";
  m.start = start;
  m.end = start + 30min;
  m.school_year = "2026-2027";
  m.participants = {{"student", student, "Sam Visser", "", ""}};
  return m;
}

class StudentReportStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_store({"sqlite", dir_ / "lobsync.db"}, clock_);
    store_->meetings().save({meeting("m-2", "src:s1", kT0 + 48h), meeting("m-1", "src:s1", kT0), meeting("m-9", "src:s9", kT0)},
                            {}, kT0 - 240h);
  }
  test::ScratchDir dir_;
  ManualClock clock_{kT0};
  std::unique_ptr<Store> store_;
};

TEST_F(StudentReportStoreTest, EveryEditIsANewVersionAndAllAreKept) {
  auto& r = store_->student_reports();
  EXPECT_FALSE(r.student_report("m-1"));
  EXPECT_EQ(r.add_student_report("m-1", "Eerste gedachte", {"Open dag Techniek", "Meeloopdag"}, kT0 + 1h), 1);
  EXPECT_EQ(r.add_student_report("m-1", "Beter verwoord\nmet een tweede regel", {"Beroepentest"}, kT0 + 2h), 2);
  const auto report = r.student_report("m-1");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->student, "src:s1") << "the meeting's student";
  ASSERT_EQ(report->versions.size(), 2u);
  EXPECT_EQ(report->versions[0].reflection, "Eerste gedachte");
  EXPECT_EQ(report->versions[0].activities, (std::vector<std::string>{"Open dag Techniek", "Meeloopdag"}));
  EXPECT_EQ(report->versions[0].created_at, kT0 + 1h);
  EXPECT_EQ(report->latest().version, 2);
  EXPECT_EQ(report->latest().reflection, "Beter verwoord\nmet een tweede regel");
  EXPECT_EQ(report->latest().activities, std::vector<std::string>{"Beroepentest"});
}

TEST_F(StudentReportStoreTest, ByStudentInMeetingOrderAndAll) {
  auto& r = store_->student_reports();
  r.add_student_report("m-2", "later", {}, kT0 + 49h);
  r.add_student_report("m-1", "eerder", {}, kT0 + 1h);
  r.add_student_report("m-9", "iemand anders", {}, kT0 + 1h);
  const auto mine = r.reports_of_student("src:s1");
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].meeting, "m-1");
  EXPECT_EQ(mine[1].meeting, "m-2");
  EXPECT_EQ(r.all_student_reports().size(), 3u);
  EXPECT_EQ(store_->meetings().student_meetings("src:s1").size(), 2u);
  EXPECT_EQ(store_->meetings().student_meetings("src:s1")[0].id, "m-1") << "by start";
}

TEST_F(StudentReportStoreTest, AnUnknownMeetingIsRefused) {
  EXPECT_THROW(store_->student_reports().add_student_report("m-404", "tekst", {}, kT0), StoreError);
  EXPECT_TRUE(store_->student_reports().all_student_reports().empty());
}

TEST_F(StudentReportStoreTest, KeptAcrossReopeningAtSchemaVersion15) {
  store_->student_reports().add_student_report("m-1", "blijft", {"Stage"}, kT0 + 1h);
  store_.reset();
  auto again = open_store({"sqlite", dir_ / "lobsync.db"}, clock_);
  EXPECT_GE(again->info().schema_version, 15);
  const auto report = again->student_reports().student_report("m-1");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->latest().activities, std::vector<std::string>{"Stage"});
}

}  // namespace
}  // namespace lobsync::store::student_report_store_test
