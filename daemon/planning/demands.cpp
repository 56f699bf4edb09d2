#include "planning/demands.h"

#include "domain/leads.h"
#include "planning/adult_choice.h"

#include <algorithm>
#include <set>

namespace lobsync::planning {
namespace {

using domain::Participant;

bool contains(const std::vector<int>& list, int v) { return list.empty() || std::find(list.begin(), list.end(), v) != list.end(); }
bool contains(const std::vector<std::string>& list, const std::string& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

// Parents and guardians who take part: they may receive mail about the student and have
// parental authority (or are the organisation in the parents' role).
std::vector<const domain::Guardian*> inviting_guardians(const domain::School& school, const std::string& student) {
  std::vector<const domain::Guardian*> out;
  for (const auto* g : school.guardians_of(student)) {
    const auto* link = school.link(*g, student);
    if (link->may_receive_mail && (link->parental_authority || g->is_organisation)) out.push_back(g);
  }
  return out;
}

std::string household_of(const domain::Guardian& g) { return g.household.empty() ? "g:" + g.key : g.household; }

std::vector<Participant> participants(const domain::School& school, const domain::Student& student,
                                      const std::string& mentor, const std::vector<const domain::Guardian*>& parents) {
  std::vector<Participant> out;
  if (auto it = school.staff.find(mentor); it != school.staff.end())
    out.push_back({"mentor", mentor, it->second.display_name(), it->second.email, it->second.language});
  out.push_back({"student", student.key, student.display_name(), student.email, student.language});
  for (const auto* g : parents) out.push_back({"parent", g->key, g->display_name(), g->email, g->language});
  return out;
}

}  // namespace

Demand led_by(const Demand& demand, const domain::School& school, const std::string& staff) {
  Demand out = demand;
  out.mentor = staff;
  const auto& s = school.staff.at(staff);
  for (auto& p : out.participants)
    if (p.role == "mentor") p = {"mentor", staff, s.display_name(), s.email, s.language};
  return out;
}

bool type_applies(const domain::ConversationType& type, const domain::Student& student) {
  if (!type.enabled) return false;
  if (!type.audience.years.empty() && !contains(type.audience.years, student.year)) return false;
  if (!contains(type.audience.levels, student.level)) return false;
  if (type.audience.final_year_only) {
    const int last = domain::final_year_of(student.level);
    if (last == 0 || student.year != last) return false;
  }
  return true;
}

DemandSet collect_demands(const PlanInput& input, const SchoolYear& year, date::sys_days today, date::sys_days earliest) {
  const auto& school = *input.school;
  const auto& policy = *input.policy;
  DemandSet out;
  const auto overdue_end = std::min(earliest + date::days{policy.overdue_days}, year.end);
  const auto planned = planned_parents(input.existing);

  for (const auto& [key, student] : school.students) {
    const bool left = student.active_until && date::sys_days{*student.active_until} < earliest;
    const bool not_yet = student.active_from && date::sys_days{*student.active_from} > year.end;
    if (left || not_yet) {
      continue;  // left school (or not yet there this year)
    }
    const bool needs_year = std::any_of(policy.types.begin(), policy.types.end(),
                                        [](auto& t) { return t.enabled && !t.audience.years.empty(); });
    if (student.year == 0 && needs_year) {
      out.unplaced.push_back({key, "any", "leerjaar (school year of the student) unknown: cannot tell which conversations are due"});
    }
    const auto guardians = inviting_guardians(school, key);
    for (const auto& type : policy.types) {
      if (student.year == 0 && !type.audience.years.empty()) continue;
      if (!type_applies(type, student)) continue;
      const auto leads = domain::lead_candidates(school, policy, type, student);
      if (leads.empty()) {
        out.unplaced.push_back({key, type.id, "no mentor assigned to the student or the class"});
        continue;
      }
      const auto window = type_window(type, year);
      auto [from, to] = window;
      if (student.active_from) from = std::max(from, date::sys_days{*student.active_from});
      if (student.active_until) to = std::min(to, date::sys_days{*student.active_until});
      from = std::max(from, earliest);
      if (from > to) {  // the window passed (or is too close): still owed, so as soon as possible
        from = earliest;
        to = overdue_end;
        if (student.active_until) to = std::min(to, date::sys_days{*student.active_until});
        if (from > to) {
          out.unplaced.push_back({key, type.id, "no school days left for it this school year"});
          continue;
        }
      }

      std::vector<std::vector<const domain::Guardian*>> groups;  // one entry per meeting
      std::vector<std::string> households;
      bool invite_parents = type.with_parents;
      if (type.with_parents && adult_for(student, window.first)) {
        // A student of 18 or over decides whether the parents come (planning/adult_choice.h).
        const auto adult = decide_for_adult(input, planned, key, type, window.second, today);
        if (adult.decision == ParentsDecision::wait) {
          out.waiting.push_back({key, type.id, adult.until});
          continue;
        }
        invite_parents = adult.decision == ParentsDecision::invite;
      }
      if (invite_parents) {
        if (guardians.empty()) {
          out.unplaced.push_back({key, type.id, "no parent or guardian who may be invited (none known, or none may receive mail)"});
          continue;
        }
        std::set<std::string> distinct;
        for (const auto* g : guardians) distinct.insert(household_of(*g));
        const bool separate = distinct.size() > 1 &&
                              (policy.separate_households_default || input.separate_households.count(key));
        if (separate) {
          for (const auto& h : distinct) {
            std::vector<const domain::Guardian*> members;
            for (const auto* g : guardians)
              if (household_of(*g) == h) members.push_back(g);
            groups.push_back(members);
            households.push_back(h);
          }
        } else {
          groups.push_back(guardians);
          households.emplace_back();
        }
      } else {
        // An individual talk, or a student of 18 or over who comes alone.
        groups.emplace_back();
        households.emplace_back();
      }

      for (std::size_t i = 0; i < groups.size(); ++i) {
        Demand d;
        d.id = meeting_id(year.label, type.id, key, households[i]);
        d.student = &student;
        d.type = &type;
        d.mentor = leads.front();
        d.leads = leads;
        d.household = households[i];
        if (type.with_parents && !groups[i].empty()) d.sibling_group = household_of(*groups[i].front());
        d.from = from;
        d.to = to;
        d.minutes = type.duration_minutes;
        d.participants = participants(school, student, d.mentor, groups[i]);
        out.demands.push_back(std::move(d));
      }
    }
  }
  // Earliest deadline first; within it siblings' meetings with their parents side by side, so
  // they can be placed back to back; the ids make the order total and stable.
  std::sort(out.demands.begin(), out.demands.end(), [](const Demand& a, const Demand& b) {
    return std::tie(a.to, a.type->id, a.sibling_group, a.id) < std::tie(b.to, b.type->id, b.sibling_group, b.id);
  });
  return out;
}

}  // namespace lobsync::planning
