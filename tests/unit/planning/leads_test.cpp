// Who leads a conversation: the first mentor by default; the second mentor or a decaan where the
// policy names them per type and level (seed 002: "mentor of decaan"), shared by load.
#include "domain/leads.h"
#include "planning/workload.h"
#include "planning_fixture.h"

#include <map>

namespace lobsync::planning::test::leads_test {
namespace {

const Instant kNow = local(2026, 11, 23, 9);  // Monday

// Class 2h1 (havo) with first mentor t1 and second mentor t2; class 2v1 (vwo) with t3; decaan d1
// (abbreviation "DCN") who mentors nobody.
domain::School school_with_leads(int students_per_class) {
  SchoolBuilder b;
  b.mentor("t1").mentor("t2").mentor("t3").mentor("d1", "decaan@school.example");
  b.group("2h1", "t1", 2, "havo").group("2v1", "t3", 2, "vwo");
  for (int i = 0; i < students_per_class; ++i) {
    b.student("h" + std::to_string(100 + i), "2h1");
    b.student("v" + std::to_string(100 + i), "2v1");
  }
  auto school = b.build();
  school.group_second_mentor["2h1"] = "t2";
  school.staff["d1"].abbreviation = "DCN";
  school.index_staff();
  return school;
}

std::map<std::string, int> per_lead(const PlanResult& r) {
  std::map<std::string, int> out;
  for (const auto& m : active_meetings(r)) ++out[m.mentor];
  return out;
}

std::string lead_participant(const domain::Meeting& m) {
  for (const auto& p : m.participants)
    if (p.role == "mentor") return p.key;
  return {};
}

TEST(Leads, WithoutAPolicyTheFirstMentorLeadsEveryConversation) {
  const auto school = school_with_leads(4);
  const auto r = plan(input_for(school, policy_with(type("individual", false, 49, 51)), kNow));
  EXPECT_EQ(per_lead(r), (std::map<std::string, int>{{"t1", 4}, {"t3", 4}}));
}

TEST(Leads, FirstAndSecondMentorShareATypeByLoad) {
  auto t = type("individual", false, 49, 51);
  t.leads = {"mentor", "second_mentor"};
  const auto school = school_with_leads(10);
  const auto r = plan(input_for(school, policy_with(t), kNow));
  ASSERT_TRUE(r.unplaced.empty());
  // The havo class has two mentors, who take five each; the vwo class has none second: t3 leads.
  EXPECT_EQ(per_lead(r), (std::map<std::string, int>{{"t1", 5}, {"t2", 5}, {"t3", 10}}));
  for (const auto& m : active_meetings(r)) EXPECT_EQ(lead_participant(m), m.mentor) << m.id;
  const auto load = weekly_load(r, amsterdam());
  EXPECT_TRUE(load.count("t2"));  // the plan report shows the second mentor's weeks too
}

TEST(Leads, ADecaanNamedForALevelLeadsThatLevelsConversations) {
  auto t = type("profile_choice", false, 49, 51);
  t.leads = {"decaan"};
  auto policy = policy_with(t);
  policy.decanen["havo"] = {"dcn"};  // the abbreviation, in any case
  const auto school = school_with_leads(3);
  const auto r = plan(input_for(school, policy, kNow));
  // havo: the decaan; vwo has no decaan named, so its first mentor leads (still held).
  EXPECT_EQ(per_lead(r), (std::map<std::string, int>{{"d1", 3}, {"t3", 3}}));
  const auto& student = school.students.at("h100");
  EXPECT_TRUE(domain::leads_as_decaan(school, policy, student, "d1"));
  EXPECT_FALSE(domain::leads_as_decaan(school, policy, student, "t1"));
  for (const auto& m : active_meetings(r)) {
    if (m.mentor == "d1") {
      EXPECT_EQ(lead_participant(m), "d1");
    }
  }
}

TEST(Leads, LeadsByLevelGoBeforeTheTypesList) {
  auto t = type("profile_choice", false, 49, 51);
  t.leads = {"mentor"};
  t.leads_by_level["vwo"] = {"decaan"};
  auto policy = policy_with(t);
  policy.decanen["vwo"] = {"decaan@SCHOOL.example"};  // by e-mail, in any case
  const auto school = school_with_leads(2);
  EXPECT_EQ(per_lead(plan(input_for(school, policy, kNow))), (std::map<std::string, int>{{"t1", 2}, {"d1", 2}}));
}

TEST(Leads, AReferenceThatMatchesNobodyOrSeveralIsReportedAndTheMentorLeads) {
  auto t = type("profile_choice", false, 49, 51);
  t.leads = {"decaan"};
  auto policy = policy_with(t);
  policy.decanen["havo"] = {"XYZ"};
  policy.decanen["vwo"] = {"SAME"};
  auto school = school_with_leads(1);
  school.staff["t1"].abbreviation = "same";
  school.staff["t2"].abbreviation = "SAME";  // two staff with one code: better no lead than the wrong one
  school.index_staff();
  const auto r = plan(input_for(school, policy, kNow));
  EXPECT_EQ(per_lead(r), (std::map<std::string, int>{{"t1", 1}, {"t3", 1}}));
  const auto unknown = domain::unknown_decanen(school, policy);
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_NE(unknown[0].find("planning.decanen.havo: 'XYZ'"), std::string::npos) << unknown[0];
  EXPECT_NE(unknown[1].find("planning.decanen.vwo: 'SAME'"), std::string::npos) << unknown[1];
}

TEST(Leads, AMeetingKeepsItsLeadWhenPlannedAgain) {
  auto t = type("individual", false, 49, 51);
  t.leads = {"mentor", "second_mentor"};
  const auto policy = policy_with(t);
  const auto school = school_with_leads(6);
  const auto first = plan(input_for(school, policy, kNow));
  auto in = input_for(school, policy, kNow);
  in.existing = all_meetings(first);
  const auto again = plan(in);
  EXPECT_EQ(again.count(Change::kept), static_cast<int>(first.meetings.size()));
  EXPECT_EQ(per_lead(again), per_lead(first));

  // A second mentor who leaves the class hands their conversations on; nothing else moves.
  auto changed = school;
  changed.group_second_mentor.erase("2h1");
  auto in2 = input_for(changed, policy, kNow);
  in2.existing = all_meetings(first);
  const auto after = plan(in2);
  EXPECT_EQ(per_lead(after), (std::map<std::string, int>{{"t1", 6}, {"t3", 6}}));
  EXPECT_EQ(after.count(Change::moved) + after.count(Change::kept), 12);
  EXPECT_EQ(after.count(Change::moved), per_lead(first).at("t2"));
}

TEST(Leads, EachLeadKeepsTheDailyLimit) {
  auto t = type("individual", false, 49, 49);  // one week
  t.leads = {"mentor", "second_mentor"};
  auto policy = policy_with(t);
  policy.max_per_mentor_per_day = 2;
  policy.max_per_mentor_per_week = 5;
  const auto school = school_with_leads(12);
  const auto r = plan(input_for(school, policy, kNow));
  std::map<std::pair<std::string, date::sys_days>, int> per_day;
  for (const auto& m : active_meetings(r)) ++per_day[{m.mentor, local_day(amsterdam(), m.start)}];
  for (const auto& [key, n] : per_day) EXPECT_LE(n, 2) << key.first;
  EXPECT_EQ(per_lead(r).at("t1"), 5);
  EXPECT_EQ(per_lead(r).at("t2"), 5);  // ten of the havo class's twelve fit; two are explained
}

}  // namespace
}  // namespace lobsync::planning::test::leads_test
