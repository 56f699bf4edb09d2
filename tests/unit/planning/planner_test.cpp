#include "planning_fixture.h"

#include <map>
#include <set>

namespace lobsync::planning::test::planner_test {
namespace {

using namespace std::chrono;

const Instant kNow = local(2026, 11, 23, 9);  // Monday, ISO week 48

domain::School one_class(int students) {
  SchoolBuilder b;
  b.mentor("t1").group("2h1", "t1");
  for (int i = 0; i < students; ++i) {
    const auto s = "s" + std::to_string(10 + i);
    b.student(s, "2h1").guardian("p" + std::to_string(10 + i), {s}, "h" + std::to_string(i));
  }
  return b.build();
}

// Every rule a placed meeting must keep.
void expect_valid(const PlanResult& r, const domain::Policy& policy, const std::vector<BusyInterval>& busy = {}) {
  std::map<std::string, std::vector<domain::Meeting>> by_mentor;
  for (const auto& m : active_meetings(r)) {
    const auto day = local_day(amsterdam(), m.start);
    EXPECT_TRUE(conversation_day(policy, day)) << m.id << " on " << local_text(m.start);
    const auto* t = policy.type(m.type);
    ASSERT_NE(t, nullptr);
    const auto hours = t->with_parents ? policy.parent_hours : policy.mentor_hours;
    EXPECT_GE(local_minute(amsterdam(), m.start), hours.from) << local_text(m.start);
    EXPECT_LE(local_minute(amsterdam(), m.end), hours.to) << local_text(m.end);
    EXPECT_EQ(m.end - m.start, minutes{t->duration_minutes});
    EXPECT_GT(m.start, kNow);
    for (const auto& b : busy)
      if (b.person == m.mentor) {
        EXPECT_TRUE(m.end <= b.start || m.start >= b.end) << "in a lesson: " << local_text(m.start);
      }
    by_mentor[m.mentor].push_back(m);
  }
  for (auto& [mentor, list] : by_mentor) {
    std::sort(list.begin(), list.end(), [](auto& a, auto& b) { return a.start < b.start; });
    std::map<date::sys_days, int> per_day;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) {
        EXPECT_GE(list[i].start, list[i - 1].end + minutes{policy.break_minutes}) << "double-booked " << mentor;
      }
      EXPECT_LE(++per_day[local_day(amsterdam(), list[i].start)], policy.max_per_mentor_per_day);
    }
  }
}

TEST(Planner, PlacesEveryDueConversationInsideItsWindowAndHours) {
  auto policy = policy_with(type("individual", false, 49, 50));
  policy.types.push_back(type("parents", true, 49, 50));
  const auto school = one_class(8);
  const auto r = plan(input_for(school, policy, kNow));
  EXPECT_TRUE(r.unplaced.empty());
  EXPECT_EQ(r.count(Change::created), 16);
  EXPECT_EQ(r.school_year, "2026-2027");
  for (const auto& m : active_meetings(r)) {
    const auto day = local_day(amsterdam(), m.start);
    EXPECT_GE(day, date::sys_days{ymd(2026, 11, 30)});
    EXPECT_LE(day, date::sys_days{ymd(2026, 12, 13)});
  }
  expect_valid(r, policy);
}

TEST(Planner, ParticipantsFollowTheKindOfConversation) {
  auto policy = policy_with(type("individual", false, 49, 50));
  policy.types.push_back(type("parents", true, 49, 50));
  const auto school = one_class(1);
  const auto r = plan(input_for(school, policy, kNow));
  for (const auto& m : active_meetings(r)) {
    std::multiset<std::string> roles;
    for (const auto& p : m.participants) roles.insert(p.role);
    if (m.type == "individual") EXPECT_EQ(roles, (std::multiset<std::string>{"mentor", "student"}));
    else EXPECT_EQ(roles, (std::multiset<std::string>{"mentor", "parent", "student"}));
  }
}

TEST(Planner, SameInputGivesTheSamePlan) {
  auto policy = policy_with(type("parents", true, 49, 51));
  const auto school = one_class(20);
  const auto a = plan(input_for(school, policy, kNow));
  const auto b = plan(input_for(school, policy, kNow));
  ASSERT_EQ(a.meetings.size(), b.meetings.size());
  for (std::size_t i = 0; i < a.meetings.size(); ++i) {
    EXPECT_EQ(a.meetings[i].meeting.id, b.meetings[i].meeting.id);
    EXPECT_EQ(a.meetings[i].meeting.start, b.meetings[i].meeting.start);
  }
}

TEST(Planner, NeverPlacesInALessonOrAHoliday) {
  auto policy = policy_with(type("individual", false, 49, 50));
  policy.holidays.push_back({"studiedagen", ymd(2026, 11, 30), ymd(2026, 12, 2)});
  std::vector<BusyInterval> busy;
  for (int d = 3; d <= 4; ++d) {  // lessons on Thursday and Friday until 14:00, then a meeting at 15:00
    busy.push_back({"t1", local(2026, 12, static_cast<unsigned>(d), 8, 30), local(2026, 12, static_cast<unsigned>(d), 14)});
    busy.push_back({"t1", local(2026, 12, static_cast<unsigned>(d), 15), local(2026, 12, static_cast<unsigned>(d), 15, 45)});
  }
  const auto school = one_class(6);
  auto in = input_for(school, policy, kNow);
  in.busy = busy;
  const auto r = plan(in);
  EXPECT_TRUE(r.unplaced.empty());
  expect_valid(r, policy, busy);
  for (const auto& m : active_meetings(r)) EXPECT_GE(local_day(amsterdam(), m.start), date::sys_days{ymd(2026, 12, 3)});
}

TEST(Planner, KeepsTheDailyLimitAndExplainsWhatDoesNotFit) {
  auto policy = policy_with(type("individual", false, 49, 49));
  policy.max_per_mentor_per_day = 2;
  const auto school = one_class(14);  // 5 school days x 2 = 10 places
  const auto r = plan(input_for(school, policy, kNow));
  EXPECT_EQ(active_meetings(r).size(), 10u);
  ASSERT_EQ(r.unplaced.size(), 4u);
  for (const auto& u : r.unplaced) {
    EXPECT_EQ(u.type, "individual");
    EXPECT_NE(u.reason.find("no free time"), std::string::npos) << u.reason;
  }
  expect_valid(r, policy);
}

TEST(Planner, ExplainsMissingMentorAndMissingParents) {
  auto policy = policy_with(type("parents", true, 49, 50));
  SchoolBuilder b;
  b.mentor("t1").group("2h1", "t1").group("2h2", "");
  b.student("with-parents", "2h1").guardian("p1", {"with-parents"}, "h1");
  b.student("orphaned", "2h1");
  b.student("no-mentor", "2h2").guardian("p2", {"no-mentor"}, "h2");
  const auto school = b.build();
  const auto r = plan(input_for(school, policy, kNow));
  ASSERT_EQ(r.unplaced.size(), 2u);
  EXPECT_EQ(r.unplaced[0].student, "no-mentor");
  EXPECT_NE(r.unplaced[0].reason.find("no mentor"), std::string::npos);
  EXPECT_EQ(r.unplaced[1].student, "orphaned");
  EXPECT_NE(r.unplaced[1].reason.find("parent"), std::string::npos);
  EXPECT_EQ(active_meetings(r).size(), 1u);
}

TEST(Planner, SiblingsMeetTheirMentorsBackToBack) {
  auto policy = policy_with(type("parents", true, 49, 50));
  SchoolBuilder b;
  b.mentor("t1").mentor("t2").group("1a", "t1", 1).group("3a", "t2", 3);
  b.student("older", "3a").student("younger", "1a").guardian("mum", {"older", "younger"}, "h1");
  // t2 is busy early in the week, so a naive plan would put the siblings on different days.
  std::vector<BusyInterval> busy = {{"t2", local(2026, 11, 30, 8), local(2026, 11, 30, 18)}};
  b.student("other", "1a").guardian("dad", {"other"}, "h2");
  const auto school = b.build();
  auto in = input_for(school, policy, kNow);
  in.busy = busy;
  const auto r = plan(in);
  ASSERT_TRUE(r.unplaced.empty());
  domain::Meeting older, younger;
  for (const auto& m : active_meetings(r)) {
    if (m.student == "older") older = m;
    if (m.student == "younger") younger = m;
  }
  const auto gap = older.start > younger.start ? older.start - younger.end : younger.start - older.end;
  EXPECT_EQ(gap, minutes{policy.break_minutes}) << local_text(older.start) << " / " << local_text(younger.start);
  expect_valid(r, policy, busy);
}

TEST(Planner, AMovedSiblingMeetingLandsNextToTheOneThatStays) {
  auto policy = policy_with(type("parents", true, 49, 50));
  SchoolBuilder b;
  b.mentor("t1").mentor("t2").group("1a", "t1", 1).group("3a", "t2", 3);
  b.student("older", "3a").student("younger", "1a").guardian("mum", {"older", "younger"}, "h1");
  const auto school = b.build();
  const auto first = plan(input_for(school, policy, kNow));
  domain::Meeting younger;
  for (const auto& m : active_meetings(first))
    if (m.student == "younger") younger = m;
  // A lesson over the younger one's slot: it moves, as close to its sibling's as the mentor allows.
  auto in = input_for(school, policy, kNow);
  in.existing = all_meetings(first);
  in.busy = {{"t1", younger.start, younger.end}};
  const auto again = plan(in);
  EXPECT_EQ(again.count(Change::moved), 1);
  domain::Meeting older, moved;
  for (const auto& m : active_meetings(again)) {
    if (m.student == "older") older = m;
    if (m.student == "younger") moved = m;
  }
  EXPECT_NE(moved.start, younger.start);
  EXPECT_EQ(local_day(amsterdam(), moved.start), local_day(amsterdam(), older.start));
  const auto gap = older.start > moved.start ? older.start - moved.end : moved.start - older.end;
  EXPECT_GE(gap, minutes{policy.break_minutes}) << "the parents cannot be in two places";
  EXPECT_LE(gap, minutes{30}) << local_text(older.start) << " / " << local_text(moved.start);
}

TEST(Planner, ParentsAreNeverInTwoMeetingsAtOnce) {
  // Two siblings with different mentors, the row cannot be kept together (one mentor is free
  // only at 15:30 on each day): the other must not take the same time.
  auto policy = policy_with(type("parents", true, 49, 49));
  SchoolBuilder b;
  b.mentor("t1").mentor("t2").group("1a", "t1", 1).group("3a", "t2", 3);
  b.student("older", "3a").student("younger", "1a").guardian("mum", {"older", "younger"}, "h1");
  const auto school = b.build();
  auto in = input_for(school, policy, kNow);
  for (unsigned d = 30; d <= 34; ++d) {
    const auto day = date::sys_days{ymd(2026, 11, 30)} + date::days{d - 30};
    const auto at = [&](int h, int m) { return at_local(amsterdam(), day, h * 60 + m); };
    in.busy.push_back({"t1", at(15, 55), at(20, 0)});
    in.busy.push_back({"t2", at(15, 55), at(20, 0)});
  }
  const auto r = plan(in);
  const auto meetings = active_meetings(r);
  ASSERT_EQ(meetings.size(), 2u);
  EXPECT_TRUE(meetings[0].end <= meetings[1].start || meetings[1].end <= meetings[0].start)
      << local_text(meetings[0].start) << " / " << local_text(meetings[1].start);
}

TEST(Planner, SeparatedParentsAreBothInvitedJointlyOrSeparately) {
  auto policy = policy_with(type("parents", true, 49, 50));
  SchoolBuilder b;
  b.mentor("t1").group("2h1", "t1").student("kid", "2h1");
  b.guardian("mother", {"kid"}, "h-mother").guardian("father", {"kid"}, "h-father");
  const auto school = b.build();

  const auto joint = plan(input_for(school, policy, kNow));
  const auto joint_meetings = active_meetings(joint);
  ASSERT_EQ(joint_meetings.size(), 1u);
  int parents = 0;
  for (const auto& p : joint_meetings[0].participants) parents += p.role == "parent";
  EXPECT_EQ(parents, 2);

  auto in = input_for(school, policy, kNow);
  in.separate_households = {"kid"};
  const auto separate = plan(in);
  const auto meetings = active_meetings(separate);
  ASSERT_EQ(meetings.size(), 2u);
  EXPECT_NE(meetings[0].id, meetings[1].id);
  EXPECT_NE(local_day(amsterdam(), meetings[0].start), local_day(amsterdam(), meetings[1].start))
      << "one student, one conversation a day";
  for (const auto& m : meetings) {
    int n = 0;
    for (const auto& p : m.participants) n += p.role == "parent";
    EXPECT_EQ(n, 1);
  }
}

TEST(Planner, AnAdultStudentsParentsAreNotInvitedByThePlannerWithoutTheStudentsYes) {
  auto policy = policy_with(type("parents", true, 49, 50));
  SchoolBuilder b;
  b.mentor("t1").group("6v1", "t1", 6, "vwo").student("adult", "6v1").guardian("p", {"adult"}, "h");
  b.student_ref("adult").birth_date = ymd(2008, 1, 1);
  const auto school = b.build();
  // Past the time the planner waits for the student's answer (tests/unit/planning/adult_choice_test.cpp).
  const auto r = plan(input_for(school, policy, local(2026, 11, 30, 9)));
  const auto meetings = active_meetings(r);
  ASSERT_EQ(meetings.size(), 1u);
  for (const auto& p : meetings[0].participants) EXPECT_NE(p.role, "parent");
}

TEST(Planner, ReplanningKeepsWhatStillFitsAndMovesOnlyWhatNoLongerDoes) {
  auto policy = policy_with(type("individual", false, 49, 50));
  const auto school = one_class(6);
  const auto first = plan(input_for(school, policy, kNow));
  ASSERT_EQ(first.count(Change::created), 6);

  auto in = input_for(school, policy, kNow + hours{1});
  in.existing = all_meetings(first);
  const auto again = plan(in);
  EXPECT_EQ(again.count(Change::kept), 6);
  EXPECT_EQ(again.count(Change::created) + again.count(Change::moved) + again.count(Change::cancelled), 0);

  // A new lesson over the first meeting moves that one only, under the same id, one SEQUENCE up;
  // a confirmed meeting stays even when a lesson now overlaps it.
  auto existing = all_meetings(first);
  std::sort(existing.begin(), existing.end(), [](auto& a, auto& b) { return a.start < b.start; });
  existing[1].status = domain::kConfirmed;
  in.existing = existing;
  in.busy = {{"t1", existing[0].start - minutes{10}, existing[0].end},
             {"t1", existing[1].start, existing[1].end}};
  const auto moved = plan(in);
  EXPECT_EQ(moved.count(Change::moved), 1);
  EXPECT_EQ(moved.count(Change::kept), 5);
  for (const auto& pm : moved.meetings) {
    if (pm.meeting.id == existing[0].id) {
      EXPECT_EQ(pm.change, Change::moved);
      EXPECT_EQ(pm.meeting.sequence, existing[0].sequence + 1);
      EXPECT_NE(pm.meeting.start, existing[0].start);
    }
    if (pm.meeting.id == existing[1].id) {
      EXPECT_EQ(pm.change, Change::kept);
      EXPECT_EQ(pm.meeting.start, existing[1].start);
    }
  }
}

TEST(Planner, AMissedConversationIsPlacedAgainAfterNow) {
  auto policy = policy_with(type("individual", false, 47, 50));
  const auto school = one_class(1);
  auto first = plan(input_for(school, policy, kNow));
  ASSERT_EQ(active_meetings(first).size(), 1u);
  auto missed = active_meetings(first).front();
  missed.start = kNow - hours(1);  // it was this morning, and the student did not come
  missed.end = missed.start + minutes(20);
  missed.status = domain::kMissed;
  missed.sequence = 1;
  auto in = input_for(school, policy, kNow);
  in.existing = {missed};
  const auto again = plan(in);
  ASSERT_EQ(again.meetings.size(), 1u);
  const auto& replanned = again.meetings.front();
  EXPECT_EQ(replanned.change, Change::moved);
  EXPECT_EQ(replanned.meeting.id, missed.id);
  EXPECT_EQ(replanned.meeting.status, domain::kPlanned);
  EXPECT_EQ(replanned.meeting.sequence, 2);
  EXPECT_GT(replanned.meeting.start, kNow);

  // A held one (or one whose time simply passed) stays where it was.
  missed.status = domain::kHeld;
  in.existing = {missed};
  EXPECT_EQ(plan(in).meetings.front().change, Change::kept);
}

TEST(Planner, ALeaversFutureMeetingIsCancelledWithAHigherSequence) {
  auto policy = policy_with(type("individual", false, 49, 50));
  auto school = one_class(2);
  const auto first = plan(input_for(school, policy, kNow));
  school.students.erase("s10");
  auto in = input_for(school, policy, kNow);
  in.existing = all_meetings(first);
  const auto r = plan(in);
  EXPECT_EQ(r.count(Change::cancelled), 1);
  for (const auto& pm : r.meetings)
    if (pm.meeting.student == "s10") {
      EXPECT_EQ(pm.meeting.status, domain::kCancelled);
      EXPECT_EQ(pm.meeting.sequence, 1);
    }
}

TEST(Planner, AConversationWhoseWindowPassedIsStillPlacedSoon) {
  auto policy = policy_with(type("introduction", true, 37, 41));  // September: long gone on 23 November
  const auto school = one_class(3);
  const auto r = plan(input_for(school, policy, kNow));
  ASSERT_TRUE(r.unplaced.empty());
  for (const auto& m : active_meetings(r)) {
    EXPECT_GT(m.start, kNow);
    EXPECT_LE(local_day(amsterdam(), m.start), local_day(amsterdam(), kNow) + date::days{1 + policy.overdue_days});
  }
}

TEST(Planner, PlacesAcrossTheAutumnAndSpringClockChangesInLocalHours) {
  // ISO week 44 of 2026 starts the day after the last Sunday of October; week 13 of 2027
  // holds the Monday after the last Sunday of March (Easter Monday in 2027, a public holiday:
  // so 9 school days in each pair of weeks).
  for (auto [from, to, now] : {std::tuple{43, 44, local(2026, 10, 12, 9)}, std::tuple{12, 13, local(2027, 3, 15, 9)}}) {
    auto policy = policy_with(type("parents", true, from, to));
    policy.max_per_mentor_per_day = 1;
    const auto school = one_class(9);
    const auto r = plan(input_for(school, policy, now));
    EXPECT_TRUE(r.unplaced.empty());
    std::set<std::int64_t> offsets;
    for (const auto& m : active_meetings(r)) {
      EXPECT_EQ(local_minute(amsterdam(), m.start), policy.parent_hours.from) << local_text(m.start);
      offsets.insert(amsterdam()->get_info(m.start).offset.count());
    }
    EXPECT_EQ(offsets.size(), 2u) << "meetings fall on both sides of the change";
  }
}

}  // namespace
}  // namespace lobsync::planning::test::planner_test
