// The rules of the student's own report: when it may be written (not before the meeting, not
// for a cancelled or missed one), what a report must hold and how long it may be, and that only
// a parent's signature counts for it (per version), final when signed or after the deadline.
#include "records/student_report_rules.h"

#include <gtest/gtest.h>

namespace lobsync::records::student_report_rules_test {
namespace {

using namespace std::chrono_literals;

const Instant kStart = instant_from_unix_ms(1'795'000'000'000);

domain::Meeting meeting(const char* status) {
  domain::Meeting m;
  m.start = kStart;
  m.end = kStart + 30min;
  m.status = status;
  return m;
}

TEST(ReportWindow, OpensWhenTheMeetingBeginsNeverForCancelledOrMissed) {
  EXPECT_EQ(report_window(meeting(domain::kPlanned), kStart - 1s), ReportWindow::not_started);
  EXPECT_EQ(report_window(meeting(domain::kConfirmed), kStart - 24h * 14), ReportWindow::not_started) << "weeks ahead";
  EXPECT_EQ(report_window(meeting(domain::kPlanned), kStart), ReportWindow::open);
  EXPECT_EQ(report_window(meeting(domain::kHeld), kStart + 24h * 30), ReportWindow::open) << "edited later";
  EXPECT_EQ(report_window(meeting(domain::kMissed), kStart + 1h), ReportWindow::missed);
  EXPECT_EQ(report_window(meeting(domain::kCancelled), kStart + 1h), ReportWindow::cancelled);
}

TEST(CheckReport, AReflectionIsNeededAndEmptyActivityRowsAreLeftOut) {
  const auto in = report_input({{"reflection", "Ik wil de zorg in"}, {"activity1", "  Open dag ROC  "}, {"activity3", "Stage"},
                                {"activity9", "ignored"}});
  EXPECT_TRUE(check_report(in).empty());
  EXPECT_EQ(in.activities.size(), kMaxActivities) << "one value per row, empty ones too";
  EXPECT_EQ(filled_activities(in), (std::vector<std::string>{"Open dag ROC", "Stage"}));
  const auto empty = check_report(report_input({{"reflection", " \r\n "}, {"activity1", "Meeloopdag"}}));
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].field, "reflection");
  EXPECT_EQ(empty[0].key, "student_report.error.reflection_empty");
}

TEST(CheckReport, LimitsCountCharactersNotBytes) {
  std::string reflection;
  for (std::size_t i = 0; i < kMaxReflectionChars; ++i) reflection += "é";
  EXPECT_TRUE(check_report({reflection, {}}).empty()) << "exactly the limit";
  const auto long_reflection = check_report({reflection + "x", {}});
  ASSERT_EQ(long_reflection.size(), 1u);
  EXPECT_EQ(long_reflection[0].key, "student_report.error.reflection_too_long");
  const auto long_activity = check_report({"ok", {"", std::string(kMaxActivityChars + 1, 'a')}});
  ASSERT_EQ(long_activity.size(), 1u);
  EXPECT_EQ(long_activity[0].field, "activity2");
  EXPECT_EQ(long_activity[0].key, "student_report.error.activity_too_long");
  EXPECT_FALSE(check_report({"ok", std::vector<std::string>(kMaxActivities + 1, "x")}).empty());
}

TEST(CheckReport, ControlCharactersAreRefusedLineBreaksOnlyInTheReflection) {
  EXPECT_TRUE(check_report({"regel 1\r\nregel 2\tmet tab", {}}).empty());
  EXPECT_EQ(check_report({std::string("bel\x07"), {}}).at(0).key, "student_report.error.characters");
  EXPECT_EQ(check_report({"ok", {"twee\nregels"}}).at(0).field, "activity1");
}

TEST(ReportSignOff, OnlyParentsSignAStudentsReportPerVersion) {
  const std::vector<store::SignOff> all{{"report:m-1", 1, "src:s1", "student", "signed", "", kStart + 1h},
                                        {"report:m-1", 1, "src:p1", "parent", "signed", "", kStart + 2h},
                                        {"report:m-1", 2, "src:s1", "student", "signed", "", kStart + 3h}};
  const auto v1 = report_signoff(all, 1);
  EXPECT_TRUE(v1.is_signed);
  EXPECT_EQ(v1.by, "parent");
  EXPECT_EQ(v1.at, kStart + 2h);
  EXPECT_FALSE(report_signoff(all, 2).is_signed) << "a new version needs a new signature; the student's own does not count";
}

TEST(ReportFinality, SignedOrFinalAfterDaysFromWritingNotFromTheMeeting) {
  const Instant written = kStart + 24h * 20;
  EXPECT_FALSE(report_finality({}, written, 7, written + 24h * 6));
  const auto deadline = report_finality({}, written, 7, written + 24h * 7);
  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->reason, "deadline");
  VersionSignOff signed_one;
  signed_one.is_signed = true;
  signed_one.at = written + 1h;
  EXPECT_EQ(report_finality(signed_one, written, 7, written + 2h)->reason, "signed");
}

}  // namespace
}  // namespace lobsync::records::student_report_rules_test
