// The shipped conversation matrix (config/README.md, "Conversation types"): for a school of every
// level and year, which conversations each student is owed and whether the parents are invited,
// written out here by hand from the LOB sources, not derived from the policy it checks.
#include "planning/demands.h"
#include "planning_fixture.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace lobsync::planning::test {
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

}  // namespace
}  // namespace lobsync::planning::test
