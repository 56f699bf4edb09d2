// Occupied time and daily counts of the mentors (and students) meetings are placed for: what the
// planner books as it goes, and what the booking page checks a parent's choice against.
#pragma once

#include "domain/meeting.h"
#include "planning/school_calendar.h"
#include "planning/timeline.h"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace lobsync::planning {

class Occupancy {
 public:
  Occupancy(const date::time_zone* zone, std::chrono::minutes pause) : zone_(zone), break_(pause) {}

  void busy(const std::string& person, Instant start, Instant end) { timelines_[person].add(start, end); }

  // A meeting takes the mentor's time plus the break, one of the mentor's conversations that
  // day, and the student's day.
  void book(const domain::Meeting& m) {
    timelines_[m.mentor].add(m.start, m.end + break_);
    const auto day = local_day(zone_, m.start);
    ++per_day_[{m.mentor, day}];
    student_days_.insert({m.student, day});
  }

  // The mentor is free from start to end plus the break, and the student has no other
  // conversation that day.
  bool fits(const std::string& mentor, const std::string& student, Instant start, Instant end) const {
    if (student_days_.count({student, local_day(zone_, start)})) return false;
    auto it = timelines_.find(mentor);
    return it == timelines_.end() || it->second.free(start, end + break_);
  }

  int count(const std::string& mentor, date::sys_days day) const {
    auto it = per_day_.find({mentor, day});
    return it == per_day_.end() ? 0 : it->second;
  }

 private:
  const date::time_zone* zone_;
  std::chrono::minutes break_;
  std::map<std::string, Timeline> timelines_;
  std::map<std::pair<std::string, date::sys_days>, int> per_day_;
  std::set<std::pair<std::string, date::sys_days>> student_days_;
};

}  // namespace lobsync::planning
