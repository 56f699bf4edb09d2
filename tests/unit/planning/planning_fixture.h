// A small school and a fixed policy for planner tests: everything in Europe/Amsterdam, the
// school year 2026-2027, "now" a Monday morning in November.
#pragma once

#include "domain/policy.h"
#include "domain/school.h"
#include "planning/planner.h"
#include "planning/school_calendar.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <sstream>

namespace lobsync::planning::test {

inline const date::time_zone* amsterdam() { return date::locate_zone("Europe/Amsterdam"); }

inline date::year_month_day ymd(int y, unsigned m, unsigned d) {
  return date::year_month_day{date::year{y}, date::month{m}, date::day{d}};
}

// Local wall-clock time in Amsterdam as an instant.
inline Instant local(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return at_local(amsterdam(), date::sys_days{ymd(y, m, d)}, hour * 60 + minute);
}

inline std::string local_text(Instant t) {
  return date::format("%F %H:%M", amsterdam()->to_local(std::chrono::floor<std::chrono::minutes>(t)));
}

// One conversation type only, so each test controls exactly what is due.
inline domain::Policy policy_with(domain::ConversationType type) {
  auto p = domain::default_policy();
  p.has_school_year = true;
  p.year_start = ymd(2026, 8, 1);
  p.year_end = ymd(2027, 7, 31);
  p.notice_days = 1;
  p.types = {std::move(type)};
  return p;
}

inline domain::ConversationType type(std::string id, bool with_parents, int week_from, int week_to, int minutes = 20) {
  domain::ConversationType t;
  t.id = std::move(id);
  t.with_parents = with_parents;
  t.week_from = week_from;
  t.week_to = week_to;
  t.duration_minutes = minutes;
  return t;
}

class SchoolBuilder {
 public:
  SchoolBuilder& mentor(const std::string& key, const std::string& email = "") {
    domain::Staff s;
    s.key = key;
    s.given_name = "Mentor";
    s.family_name = key;
    s.email = email.empty() ? key + "@school.example" : email;
    school_.staff[key] = s;
    return *this;
  }
  SchoolBuilder& group(const std::string& key, const std::string& mentor, int year = 2, const std::string& level = "havo") {
    domain::Group g;
    g.key = key;
    g.name = key;
    g.year = year;
    g.level = level;
    school_.groups[key] = g;
    if (!mentor.empty()) school_.group_mentor[key] = mentor;
    return *this;
  }
  SchoolBuilder& student(const std::string& key, const std::string& group) {
    domain::Student s;
    s.key = key;
    s.given_name = "Student";
    s.family_name = key;
    s.email = key + "@students.example";
    s.group = group;
    s.year = school_.groups[group].year;
    s.level = school_.groups[group].level;
    s.birth_date = ymd(2012, 5, 1);
    school_.students[key] = s;
    return *this;
  }
  SchoolBuilder& guardian(const std::string& key, std::vector<std::string> children, const std::string& household) {
    domain::Guardian g;
    g.key = key;
    g.family_name = key;
    g.email = key + "@home.example";
    g.household = household;
    for (auto& c : children) g.students.push_back({c, "ouder", true, true, 1});
    school_.guardians[key] = g;
    return *this;
  }
  domain::School build() {
    school_.index_guardians();
    school_.index_staff();
    return school_;
  }
  domain::Student& student_ref(const std::string& key) { return school_.students[key]; }

 private:
  domain::School school_;
};

inline PlanInput input_for(const domain::School& school, const domain::Policy& policy, Instant now) {
  PlanInput in;
  in.school = &school;
  in.policy = &policy;
  in.zone = amsterdam();
  in.now = now;
  return in;
}

inline std::vector<domain::Meeting> active_meetings(const PlanResult& r) {
  std::vector<domain::Meeting> out;
  for (const auto& pm : r.meetings)
    if (pm.meeting.active()) out.push_back(pm.meeting);
  return out;
}

inline std::vector<domain::Meeting> all_meetings(const PlanResult& r) {
  std::vector<domain::Meeting> out;
  for (const auto& pm : r.meetings) out.push_back(pm.meeting);
  return out;
}

}  // namespace lobsync::planning::test
