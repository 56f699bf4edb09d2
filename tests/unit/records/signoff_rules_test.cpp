// The rules of record sign-off: who is an adult on the meeting day (the local date, birthday
// included, unknown birth date a minor), whose signature counts, and when a version is final.
#include "records/signoff_rules.h"

#include <gtest/gtest.h>

namespace lobsync::records::signoff_rules_test {
namespace {

using namespace std::chrono_literals;
using namespace date::literals;

const date::time_zone* amsterdam() { return date::locate_zone("Europe/Amsterdam"); }

Instant utc(date::sys_days day, std::chrono::minutes time) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(date::sys_time<std::chrono::minutes>(day) + time);
}

domain::Student born(date::year_month_day day) {
  domain::Student s;
  s.key = "src:s1";
  s.birth_date = day;
  return s;
}

store::SignOff signature(std::string who, std::string role, int version, Instant at) {
  return {"rec-1", version, std::move(who), std::move(role), std::string(store::kSigned), "", at};
}

TEST(AdultAtMeeting, TheEighteenthBirthdayCountsFromLocalMidnight) {
  const auto student = born(2008_y / 3 / 30);
  // 30 March 2026 00:30 in Amsterdam (summer time since the 29th) is 29 March 22:30 UTC.
  EXPECT_TRUE(adult_at_meeting(&student, utc(date::sys_days{2026_y / 3 / 29}, 22h + 30min), amsterdam()));
  // The evening before, local time: still 17.
  EXPECT_FALSE(adult_at_meeting(&student, utc(date::sys_days{2026_y / 3 / 29}, 21h + 30min), amsterdam()));
  EXPECT_TRUE(adult_at_meeting(&student, utc(date::sys_days{2026_y / 10 / 25}, 14h), amsterdam()));
}

TEST(AdultAtMeeting, UnknownBirthDateOrStudentIsAMinor) {
  domain::Student unknown;
  EXPECT_FALSE(adult_at_meeting(&unknown, utc(date::sys_days{2030_y / 1 / 1}, 12h), amsterdam()));
  EXPECT_FALSE(adult_at_meeting(nullptr, utc(date::sys_days{2030_y / 1 / 1}, 12h), amsterdam()));
  const auto young = born(2012_y / 1 / 1);
  EXPECT_FALSE(adult_at_meeting(&young, utc(date::sys_days{2026_y / 12 / 1}, 12h), amsterdam()));
}

TEST(ParentsMaySee, MinorsParentsAlwaysAdultsParentsOnlyWhenShared) {
  EXPECT_TRUE(parents_may_see(false, std::nullopt));
  EXPECT_TRUE(parents_may_see(false, store::SharingDecision{false, "s", {}}));
  EXPECT_FALSE(parents_may_see(true, std::nullopt));
  EXPECT_FALSE(parents_may_see(true, store::SharingDecision{false, "s", {}}));
  EXPECT_TRUE(parents_may_see(true, store::SharingDecision{true, "s", {}}));
}

TEST(SignoffOf, TheFirstSignatureThatCountsSignsTheVersion) {
  const Instant t0 = utc(date::sys_days{2026_y / 12 / 1}, 12h);
  std::vector<store::SignOff> all{signature("src:s1", "student", 2, t0), signature("src:p2", "parent", 2, t0 + 2h),
                                  signature("src:p1", "parent", 2, t0 + 1h), signature("src:p1", "parent", 1, t0 - 5h),
                                  {"rec-1", 2, "src:p1", "parent", std::string(store::kView), "Mooi gesprek", t0 + 3h}};
  const auto minor = signoff_of(all, 2, false);
  EXPECT_TRUE(minor.is_signed);
  EXPECT_EQ(minor.by, "parent") << "a minor's signature does not count";
  EXPECT_EQ(minor.signer, "src:p1");
  EXPECT_EQ(minor.at, t0 + 1h);
  EXPECT_EQ(minor.signatures.size(), 3u);
  ASSERT_EQ(minor.parent_views.size(), 1u);
  EXPECT_EQ(minor.parent_views[0].text, "Mooi gesprek");

  const auto adult = signoff_of(all, 2, true);
  EXPECT_EQ(adult.by, "student");
  EXPECT_EQ(adult.at, t0);

  EXPECT_FALSE(signoff_of(all, 3, false).is_signed) << "another version's signatures do not carry over";
  EXPECT_FALSE(signoff_of({signature("src:s1", "student", 1, t0)}, 1, false).is_signed);
}

TEST(Finality, SignedOrPastTheDeadline) {
  const Instant end = utc(date::sys_days{2026_y / 12 / 1}, 15h);
  VersionSignOff unsigned_version;
  EXPECT_FALSE(finality(unsigned_version, end, 7, end + date::days{7} - 1ms));
  const auto deadline = finality(unsigned_version, end, 7, end + date::days{7});
  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->reason, "deadline");
  EXPECT_EQ(deadline->final_at, end + date::days{7});
  EXPECT_TRUE(finality(unsigned_version, end, 0, end));
  EXPECT_FALSE(finality(unsigned_version, end, 0, end - 1s)) << "not before the meeting ended";

  VersionSignOff signed_version;
  signed_version.is_signed = true;
  signed_version.by = "parent";
  signed_version.at = end + 2h;
  const auto signed_final = finality(signed_version, end, 7, end + 3h);
  ASSERT_TRUE(signed_final);
  EXPECT_EQ(signed_final->reason, "signed");
  EXPECT_EQ(signed_final->final_at, end + 2h);
}

TEST(Characters, CountsCodePointsNotBytes) {
  EXPECT_EQ(characters("Zoë"), 3u);
  EXPECT_EQ(characters(std::string(2000, 'a')), 2000u);
  EXPECT_EQ(characters(""), 0u);
}

}  // namespace
}  // namespace lobsync::records::signoff_rules_test
