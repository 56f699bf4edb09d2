// What the policy says each student is owed this school year: one demand per conversation
// (per household when separated parents meet separately), with its window and participants.
#pragma once

#include "planning/planner.h"
#include "planning/school_calendar.h"

namespace lobsync::planning {

struct Demand {
  std::string id;  // meeting id
  const domain::Student* student = nullptr;
  const domain::ConversationType* type = nullptr;
  std::string mentor;              // who leads it: the first of `leads` until the planner chooses
  std::vector<std::string> leads;  // staff who may lead it, in the policy's order (domain/leads.h)
  std::string household;      // "" = joint meeting
  std::string sibling_group;  // household the parents share with siblings ("" for individual talks)
  date::sys_days from, to;    // days the conversation may be placed on
  int minutes = 0;            // its length: the type's, longer with an interpreter (planner.cpp)
  std::vector<domain::Participant> participants;
};

struct DemandSet {
  std::vector<Demand> demands;  // sorted: earliest deadline first, siblings adjacent
  std::vector<Unplaced> unplaced;
  std::vector<Waiting> waiting;
};

// Every conversation due in `year` from `earliest` on (today + notice), for active students.
// `today` decides whether a conversation still waits for an adult student's answer.
DemandSet collect_demands(const PlanInput& input, const SchoolYear& year, date::sys_days today, date::sys_days earliest);

// The demand with `staff` leading it (the mentor participant replaced).
Demand led_by(const Demand& demand, const domain::School& school, const std::string& staff);

// Whether the policy owes this student this type at all (year, level, final year).
bool type_applies(const domain::ConversationType& type, const domain::Student& student);

}  // namespace lobsync::planning
