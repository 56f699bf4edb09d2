// Other times offered to parents: the planner's calendar rules, the mentor's other meetings (with
// the break), busy times and the daily maximum, across both daylight-saving changes.
#include "planning/alternatives.h"
#include "planning_fixture.h"

namespace lobsync::planning::test::alternatives_test {
namespace {

using namespace std::chrono_literals;

domain::Meeting meeting_at(const std::string& id, const std::string& student, Instant start) {
  domain::Meeting m;
  m.id = id;
  m.type = "parents";
  m.student = student;
  m.mentor = "t1";
  m.start = start;
  m.end = start + 20min;
  return m;
}

class Alternatives : public ::testing::Test {
 protected:
  // The week after the last Sunday of October 2026 (clocks went back on 25 October).
  void SetUp() override {
    policy_ = policy_with(type("parents", true, 43, 44));
    input_.policy = &policy_;
    input_.zone = amsterdam();
    input_.now = local(2026, 10, 23, 10);  // Friday
    input_.meeting = meeting_at("m-a", "s1", local(2026, 10, 26, 15, 30));
    input_.mentor_meetings = {input_.meeting, meeting_at("m-b", "s2", local(2026, 10, 26, 16, 0))};
  }
  std::vector<std::string> offered(std::size_t limit = 6) {
    std::vector<std::string> out;
    for (const auto& s : alternatives(input_, limit)) out.push_back(local_text(s.start));
    return out;
  }
  domain::Policy policy_;
  AlternativesInput input_;
};

TEST_F(Alternatives, OnePerDayAfterTodayNeverItsOwnTimeAndRespectingTheBreak) {
  // Monday 15:35 ends 15:55 and keeps the 5-minute break before the 16:00 meeting.
  EXPECT_EQ(offered(), (std::vector<std::string>{"2026-10-26 15:35", "2026-10-27 15:30", "2026-10-28 15:30",
                                                 "2026-10-29 15:30", "2026-10-30 15:30"}));
  EXPECT_EQ(offered(2).size(), 2u);
  // After the change to winter time 15:30 in Amsterdam is 14:30 UTC.
  EXPECT_EQ(unix_ms(alternatives(input_, 6)[1].start) % 86'400'000, (14 * 60 + 30) * 60'000);
}

TEST_F(Alternatives, BusyTimesAndTheDailyMaximumCount) {
  input_.busy = {{"t1", local(2026, 10, 27, 15), local(2026, 10, 27, 17)}};
  policy_.max_per_mentor_per_day = 1;
  const auto times = offered();
  ASSERT_EQ(times.size(), 4u);
  EXPECT_EQ(times[0], "2026-10-27 17:00");  // Monday is full with the other meeting
}

TEST_F(Alternatives, AParentCannotMoveIntoAWeekTheMentorHasFull) {
  // Week 44 (26 .. 30 October) holds the meeting to move and one other; week 45 is outside the window.
  policy_.max_per_mentor_per_week = 2;
  input_.mentor_meetings.push_back(meeting_at("m-c", "s3", local(2026, 10, 28, 16, 0)));
  EXPECT_TRUE(offered().empty());
  EXPECT_EQ(check_slot(input_, local(2026, 10, 27, 18)), SlotCheck::taken);
  policy_.max_per_mentor_per_week = 3;
  EXPECT_EQ(check_slot(input_, local(2026, 10, 27, 18)), SlotCheck::free);
}

TEST_F(Alternatives, CheckSlotTellsInvalidFromTaken) {
  EXPECT_EQ(check_slot(input_, local(2026, 10, 27, 18)), SlotCheck::free);
  EXPECT_EQ(check_slot(input_, local(2026, 10, 26, 16, 10)), SlotCheck::taken);  // the other meeting
  EXPECT_EQ(check_slot(input_, local(2026, 10, 26, 15, 45)), SlotCheck::taken);  // no break before it
  EXPECT_EQ(check_slot(input_, local(2026, 10, 27, 18, 2)), SlotCheck::not_allowed);   // off the 5-minute grid
  EXPECT_EQ(check_slot(input_, local(2026, 10, 24, 16)), SlotCheck::not_allowed);      // Saturday
  EXPECT_EQ(check_slot(input_, local(2026, 10, 27, 10)), SlotCheck::not_allowed);      // not parents' hours
  EXPECT_EQ(check_slot(input_, local(2026, 10, 27, 19, 50)), SlotCheck::not_allowed);  // ends after 20:00
  EXPECT_EQ(check_slot(input_, local(2026, 11, 2, 16)), SlotCheck::not_allowed);       // after the window
  EXPECT_EQ(check_slot(input_, local(2026, 10, 23, 16)), SlotCheck::not_allowed);      // today
  input_.meeting.status = domain::kCancelled;
  EXPECT_EQ(check_slot(input_, local(2026, 10, 27, 18)), SlotCheck::not_allowed);
  EXPECT_TRUE(alternatives(input_, 6).empty());
}

TEST_F(Alternatives, SpringForwardWeek) {
  // Clocks went forward on Sunday 28 March 2027: 15:30 in Amsterdam is 13:30 UTC from then on.
  policy_ = policy_with(type("parents", true, 13, 13));
  input_.now = local(2027, 3, 26, 10);
  // Monday 29 March is Easter Monday (Tweede Paasdag): no conversations that day.
  input_.meeting = meeting_at("m-a", "s1", local(2027, 3, 30, 16, 0));
  input_.mentor_meetings = {input_.meeting};
  const auto slots = alternatives(input_, 6);
  ASSERT_EQ(slots.size(), 4u);
  EXPECT_EQ(local_text(slots[0].start), "2027-03-30 15:30");
  EXPECT_EQ(local_text(slots[3].start), "2027-04-02 15:30");
  EXPECT_EQ(unix_ms(slots[0].start) % 86'400'000, (13 * 60 + 30) * 60'000);
}

}  // namespace
}  // namespace lobsync::planning::test::alternatives_test
