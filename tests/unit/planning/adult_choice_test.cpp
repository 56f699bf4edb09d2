// An adult student decides whether the parents come to a conversation meant for them
// (planning/adult_choice.h): asked first, waited for until the window's last days, then held
// with the student alone; an answer invites the parents exactly as for a minor.
#include "planning_fixture.h"

#include "planning/adult_choice.h"

#include <map>
#include <set>

namespace lobsync::planning::test::adult_choice_test {
namespace {

using namespace std::chrono;

const Instant kNow = local(2026, 11, 23, 9);  // Monday, week 48; the window is weeks 49-50

// An adult (19) in 6 vwo whose parents live apart, and a minor classmate.
domain::School adult_and_minor(date::year_month_day adult_birth = ymd(2007, 3, 1)) {
  SchoolBuilder b;
  b.mentor("t1").group("6v1", "t1", 6, "vwo");
  b.student("adult", "6v1").guardian("mother", {"adult"}, "h1").guardian("father", {"adult"}, "h2");
  b.student("minor", "6v1").guardian("pm", {"minor"}, "h3");
  b.student_ref("adult").birth_date = adult_birth;
  return b.build();
}

std::multiset<std::string> parents_of(const PlanResult& r, const std::string& student) {
  std::multiset<std::string> out;
  for (const auto& m : active_meetings(r))
    if (m.student == student)
      for (const auto& p : m.participants)
        if (p.role == "parent") out.insert(p.key);
  return out;
}

int meetings_of(const PlanResult& r, const std::string& student) {
  int n = 0;
  for (const auto& m : active_meetings(r)) n += m.student == student;
  return n;
}

TEST(AdultChoice, WithoutAnAnswerTheConversationWaitsAndIsReportedAsWaiting) {
  const auto policy = policy_with(type("parents", true, 49, 50));
  const auto school = adult_and_minor();
  const auto r = plan(input_for(school, policy, kNow));
  EXPECT_EQ(meetings_of(r, "adult"), 0);
  ASSERT_EQ(r.waiting.size(), 1u);
  EXPECT_EQ(r.waiting[0].student, "adult");
  EXPECT_EQ(r.waiting[0].type, "parents");
  // The window closes on Sunday 13 December; 14 days before it the waiting ends.
  EXPECT_EQ(r.waiting[0].until, date::sys_days{ymd(2026, 11, 28)});
  EXPECT_EQ(parents_of(r, "minor"), (std::multiset<std::string>{"pm"})) << "a minor's parents are invited as before";
  EXPECT_TRUE(r.unplaced.empty());
}

TEST(AdultChoice, YesInvitesTheParentsExactlyAsForAMinorHouseholdsIncluded) {
  auto policy = policy_with(type("parents", true, 49, 50));
  const auto school = adult_and_minor();
  auto in = input_for(school, policy, kNow);
  in.adult_answers[{"adult", "parents"}] = true;
  auto r = plan(in);
  EXPECT_TRUE(r.waiting.empty());
  EXPECT_EQ(parents_of(r, "adult"), (std::multiset<std::string>{"father", "mother"}));
  EXPECT_EQ(meetings_of(r, "adult"), 1) << "one joint meeting unless the households meet separately";

  policy.separate_households_default = true;
  r = plan(in);
  EXPECT_EQ(meetings_of(r, "adult"), 2) << "one meeting per household, as for a minor";
  EXPECT_EQ(parents_of(r, "adult"), (std::multiset<std::string>{"father", "mother"}));
}

TEST(AdultChoice, NoMeansAMeetingWithTheStudentOnly) {
  const auto policy = policy_with(type("parents", true, 49, 50));
  const auto school = adult_and_minor();
  auto in = input_for(school, policy, kNow);
  in.adult_answers[{"adult", "parents"}] = false;
  const auto r = plan(in);
  EXPECT_TRUE(r.waiting.empty());
  ASSERT_EQ(meetings_of(r, "adult"), 1);
  EXPECT_TRUE(parents_of(r, "adult").empty());
}

TEST(AdultChoice, NoAnswerPastTheDeadlineIsPlannedWithTheStudentAlone) {
  auto policy = policy_with(type("parents", true, 49, 50));
  const auto school = adult_and_minor();
  // The last day of waiting is 28 November: on the 28th it still waits, on the 29th it plans.
  auto r = plan(input_for(school, policy, local(2026, 11, 28, 9)));
  EXPECT_EQ(r.waiting.size(), 1u);
  r = plan(input_for(school, policy, local(2026, 11, 29, 9)));
  EXPECT_TRUE(r.waiting.empty());
  EXPECT_EQ(meetings_of(r, "adult"), 1);
  EXPECT_TRUE(parents_of(r, "adult").empty()) << "no answer means no parents";

  // A school that waits less plans later.
  policy.adult_answer_days = 3;
  r = plan(input_for(school, policy, local(2026, 11, 29, 9)));
  EXPECT_EQ(r.waiting.size(), 1u);
  EXPECT_EQ(r.waiting[0].until, date::sys_days{ymd(2026, 12, 9)});
}

TEST(AdultChoice, AMeetingPlannedWithoutAnAnswerStaysAsItWasSent) {
  const auto policy = policy_with(type("parents", true, 49, 50));
  const auto school = adult_and_minor();
  const auto first = plan(input_for(school, policy, local(2026, 11, 29, 9)));
  ASSERT_EQ(meetings_of(first, "adult"), 1);
  auto in = input_for(school, policy, local(2026, 11, 29, 10));
  in.existing = all_meetings(first);
  const auto again = plan(in);
  EXPECT_EQ(again.count(Change::kept), static_cast<int>(active_meetings(first).size()));
  EXPECT_TRUE(again.waiting.empty());
}

TEST(AdultChoice, AChangeOfMindUpdatesTheSameMeetingsParticipants) {
  const auto policy = policy_with(type("parents", true, 49, 50));
  const auto school = adult_and_minor();
  auto in = input_for(school, policy, kNow);
  in.adult_answers[{"adult", "parents"}] = false;
  const auto alone = plan(in);
  ASSERT_EQ(meetings_of(alone, "adult"), 1);

  in.existing = all_meetings(alone);
  in.now = kNow + hours{1};
  in.adult_answers[{"adult", "parents"}] = true;
  const auto with = plan(in);
  ASSERT_EQ(meetings_of(with, "adult"), 1);
  EXPECT_EQ(parents_of(with, "adult"), (std::multiset<std::string>{"father", "mother"}));
  for (const auto& pm : with.meetings)
    if (pm.meeting.student == "adult") {
      EXPECT_EQ(pm.change, Change::updated) << "same meeting, same time, one version up";
      EXPECT_EQ(pm.meeting.sequence, 1);
    }
}

TEST(AdultChoice, AgeCountsOnTheFirstDayOfTheWindowAndStaysSoInEveryReplan) {
  const auto policy = policy_with(type("parents", true, 49, 50));  // the window opens Monday 30 November
  // 18 on the window's first day: an adult, who is asked.
  const auto born_on_the_day = adult_and_minor(ymd(2008, 11, 30));
  EXPECT_EQ(plan(input_for(born_on_the_day, policy, kNow)).waiting.size(), 1u);
  // 18 one day later: a minor for this conversation, whose parents are invited.
  const auto born_a_day_later = adult_and_minor(ymd(2008, 12, 1));
  auto first = plan(input_for(born_a_day_later, policy, kNow));
  EXPECT_TRUE(first.waiting.empty());
  EXPECT_EQ(parents_of(first, "adult"), (std::multiset<std::string>{"father", "mother"}));
  // A re-plan after the birthday keeps it so: the parents stay invited.
  auto in = input_for(born_a_day_later, policy, local(2026, 12, 2, 9));
  in.existing = all_meetings(first);
  const auto again = plan(in);
  EXPECT_TRUE(again.waiting.empty());
  EXPECT_EQ(parents_of(again, "adult"), (std::multiset<std::string>{"father", "mother"}));
  EXPECT_TRUE(adult_for(born_on_the_day.students.at("adult"), date::sys_days{ymd(2026, 11, 30)}));
  EXPECT_FALSE(adult_for(born_a_day_later.students.at("adult"), date::sys_days{ymd(2026, 11, 30)}));
}

}  // namespace
}  // namespace lobsync::planning::test::adult_choice_test
