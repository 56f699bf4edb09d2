// The shipped conversation matrix (config/README.md, "Conversation types"): for a school of every
// level and year, which conversations each student is owed and whether the parents are invited,
// written out here by hand from the LOB sources, not derived from the policy it checks.
#include "domain/career_phase.h"
#include "planning/demands.h"
#include "planning/public_holidays.h"
#include "planning_fixture.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace lobsync::planning::test::conversation_matrix_test {
namespace {

// "type" for the student and mentor alone, "type+P" with the parents.
using Row = std::set<std::string>;

const std::map<std::pair<std::string, int>, Row>& expected_matrix() {
  static const Row y1{"introduction+P", "individual"};
  static const std::map<std::pair<std::string, int>, Row> m = [] {
    std::map<std::pair<std::string, int>, Row> out;
    for (const std::string vmbo : {"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"}) {
      out[{vmbo, 1}] = y1;
      out[{vmbo, 2}] = {"individual", "parents+P", "profile_choice+P"};
      out[{vmbo, 3}] = {"individual", "parents+P", "profile_choice+P", "internship+P"};
      out[{vmbo, 4}] = {"individual", "parents+P", "internship+P", "follow_up_education+P", "closing+P"};
    }
    for (const std::string level : {"havo", "vwo"}) {
      out[{level, 1}] = y1;
      out[{level, 2}] = {"individual", "parents+P", "profile_choice+P"};
      out[{level, 3}] = {"individual", "parents+P", "profile_choice+P"};
      out[{level, 4}] = {"individual", "parents+P", "follow_up_education+P"};
      out[{level, 5}] = {"individual", "parents+P", "follow_up_education+P"};
    }
    out[{"havo", 5}].insert("closing+P");
    out[{"vwo", 6}] = {"individual", "parents+P", "follow_up_education+P", "closing+P"};
    out[{"pro", 1}] = y1;
    out[{"pro", 2}] = {"individual", "parents+P"};
    out[{"pro", 3}] = {"individual", "parents+P", "internship+P"};
    out[{"pro", 4}] = {"individual", "parents+P", "internship+P", "follow_up_education+P"};
    out[{"pro", 5}] = {"individual", "parents+P", "follow_up_education+P", "closing+P"};
    out[{"isk", 1}] = {"introduction+P", "individual", "isk_closing+P"};
    out[{"isk", 2}] = {"individual", "parents+P", "isk_closing+P"};
    return out;
  }();
  return m;
}

// The career phase of each level's years (config/README.md, "Career phases"), by hand.
std::string expected_phase(const std::string& level, int year, const std::string& type) {
  if (type == "closing" || type == "isk_closing") return "beslissen";
  static const std::map<std::string, std::vector<std::string>> by_level{
      {"vmbo", {"orienteren", "verkennen", "verdiepen", "beslissen"}},
      {"havo", {"orienteren", "orienteren", "verkennen", "verdiepen", "beslissen"}},
      {"vwo", {"orienteren", "orienteren", "verkennen", "verdiepen", "verdiepen", "beslissen"}},
      {"pro", {"orienteren", "verkennen", "verdiepen", "verdiepen", "beslissen"}},
      {"isk", {"orienteren", "orienteren"}}};
  return by_level.at(level.starts_with("vmbo") ? "vmbo" : level).at(static_cast<std::size_t>(year - 1));
}

domain::Policy shipped_policy() {
  auto p = domain::default_policy();
  p.has_school_year = true;
  p.year_start = ymd(2026, 8, 1);
  p.year_end = ymd(2027, 7, 31);
  return p;
}

// One class per level and year, one student with one parent in each.
domain::School every_level_and_year() {
  SchoolBuilder b;
  b.mentor("t1");
  for (const auto& [cell, row] : expected_matrix()) {
    const auto group = cell.first + "-" + std::to_string(cell.second);
    b.group(group, "t1", cell.second, cell.first).student("s-" + group, group).guardian("p-" + group, {"s-" + group}, "h-" + group);
  }
  return b.build();
}

std::map<std::string, Row> owed(const domain::School& school, const domain::Policy& policy,
                                std::map<std::pair<std::string, std::string>, bool> adult_answers = {}) {
  const auto now = local(2026, 8, 20, 9);
  auto in = input_for(school, policy, now);
  in.adult_answers = std::move(adult_answers);
  const auto year = school_year_for(policy, date::sys_days{ymd(2026, 8, 20)});
  std::map<std::string, Row> out;
  for (const auto& d : collect_demands(in, year, date::sys_days{ymd(2026, 8, 20)}, date::sys_days{ymd(2026, 8, 20)}).demands) {
    bool parents = false;
    for (const auto& p : d.participants) parents |= p.role == "parent";
    out[d.student->key].insert(d.type->id + (parents ? "+P" : ""));
  }
  return out;
}

TEST(ConversationMatrix, EveryLevelAndYearIsOwedTheShippedConversationsWithTheRightPeople) {
  const auto school = every_level_and_year();
  const auto policy = shipped_policy();
  const auto got = owed(school, policy);
  for (const auto& [cell, row] : expected_matrix()) {
    const auto key = "s-" + cell.first + "-" + std::to_string(cell.second);
    const auto it = got.find(key);
    ASSERT_NE(it, got.end()) << key << " is owed nothing";
    EXPECT_EQ(it->second, row) << cell.first << " year " << cell.second;
  }
  EXPECT_EQ(got.size(), expected_matrix().size());
}

domain::School adult_in_havo_5() {
  auto builder = SchoolBuilder();
  builder.mentor("t1").group("havo-5", "t1", 5, "havo").student("adult", "havo-5").guardian("p", {"adult"}, "h");
  builder.student_ref("adult").birth_date = ymd(2007, 3, 1);  // 19 in the school year
  return builder.build();
}

std::map<std::pair<std::string, std::string>, bool> adult_answers(bool parents) {
  std::map<std::pair<std::string, std::string>, bool> out;
  for (const auto* type : {"parents", "follow_up_education", "closing"}) out[{"adult", type}] = parents;
  return out;
}

TEST(ConversationMatrix, AnAdultStudentIsOwedTheSameConversationsWithTheParentsOnlyWhenTheStudentSaysSo) {
  EXPECT_EQ(owed(adult_in_havo_5(), shipped_policy(), adult_answers(false)).at("adult"),
            (Row{"individual", "parents", "follow_up_education", "closing"}));
  EXPECT_EQ(owed(adult_in_havo_5(), shipped_policy(), adult_answers(true)).at("adult"),
            (Row{"individual", "parents+P", "follow_up_education+P", "closing+P"}));
  // Without an answer, months before the windows close, the conversations with parents wait.
  EXPECT_EQ(owed(adult_in_havo_5(), shipped_policy()).at("adult"), (Row{"individual"}));
}

// The whole year planned for a school of every level and year, four mentors, the vacations of a
// school year: every student gets the row of the matrix, in its career phase, on school days
// only, and no mentor gets more than the limits.
TEST(ConversationMatrix, APlannedSchoolYearHoldsTheMatrixOnSchoolDaysWithinEveryLeadsLimits) {
  SchoolBuilder b;
  const std::vector<std::string> mentors{"t1", "t2", "t3", "t4"};
  for (const auto& m : mentors) b.mentor(m);
  std::size_t next = 0;
  for (const auto& [cell, row] : expected_matrix()) {
    const auto group = cell.first + "-" + std::to_string(cell.second);
    b.group(group, mentors[next++ % mentors.size()], cell.second, cell.first);
    for (const std::string n : {"a", "b"})
      b.student("s-" + group + n, group).guardian("p-" + group + n, {"s-" + group + n}, "h-" + group + n);
  }
  const auto school = b.build();
  auto policy = shipped_policy();
  policy.max_per_mentor_per_day = 2;
  policy.max_per_mentor_per_week = 4;
  policy.holidays = {{"Herfstvakantie", ymd(2026, 10, 17), ymd(2026, 10, 25)},
                     {"Kerstvakantie", ymd(2026, 12, 19), ymd(2027, 1, 3)},
                     {"Voorjaarsvakantie", ymd(2027, 2, 13), ymd(2027, 2, 21)},
                     {"Meivakantie", ymd(2027, 4, 24), ymd(2027, 5, 2)}};
  const auto r = plan(input_for(school, policy, local(2026, 8, 20, 9)));
  EXPECT_TRUE(r.unplaced.empty()) << r.unplaced.size() << " unplaced, first: " << r.unplaced.front().reason;

  std::map<std::string, Row> got;
  std::map<std::pair<std::string, date::sys_days>, int> per_day;
  std::map<std::pair<std::string, std::string>, int> per_week;
  bool public_holiday_in_windows = false;
  for (const auto& m : active_meetings(r)) {
    const auto& student = school.students.at(m.student);
    bool parents = false;
    for (const auto& p : m.participants) parents |= p.role == "parent";
    got[m.student].insert(m.type + (parents ? "+P" : ""));
    EXPECT_EQ(domain::career_phase_of(school, policy, m), expected_phase(student.level, student.year, m.type)) << m.id;

    const auto day = date::floor<date::days>(amsterdam()->to_local(m.start));
    const date::sys_days school_day{day.time_since_epoch()};
    EXPECT_FALSE(public_holiday(school_day)) << m.id << " on " << *public_holiday(school_day);
    for (const auto& h : policy.holidays)
      EXPECT_FALSE(school_day >= date::sys_days{h.from} && school_day <= date::sys_days{h.to}) << m.id << " in " << h.name;
    ++per_day[{m.mentor, school_day}];
    ++per_week[{m.mentor, date::format("%G-%V", school_day)}];
  }
  // Easter and Whit Monday 2027 fall inside the windows of follow_up_education and closing:
  // the test means something only because they do.
  for (const auto day : {ymd(2027, 3, 29), ymd(2027, 5, 17)}) public_holiday_in_windows |= public_holiday(date::sys_days{day}).has_value();
  EXPECT_TRUE(public_holiday_in_windows);
  for (const auto& [cell, row] : expected_matrix())
    for (const std::string n : {"a", "b"}) {
      const auto key = "s-" + cell.first + "-" + std::to_string(cell.second) + n;
      EXPECT_EQ(got[key], row) << key;
    }
  for (const auto& [lead_day, n] : per_day) EXPECT_LE(n, 2) << lead_day.first;
  for (const auto& [lead_week, n] : per_week) EXPECT_LE(n, 4) << lead_week.first << " week " << lead_week.second;
}

}  // namespace
}  // namespace lobsync::planning::test::conversation_matrix_test
