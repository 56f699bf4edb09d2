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
  // day, and the student's day; `parents` (the group of parents in it, "" for none) cannot be in
  // two places either.
  void book(const domain::Meeting& m, const std::string& parents = {}) {
    timelines_[m.mentor].add(m.start, m.end + break_);
    if (!parents.empty()) timelines_[parents_key(parents)].add(m.start, m.end + break_);
    const auto day = local_day(zone_, m.start);
    ++per_day_[{m.mentor, day}];
    ++per_week_[{m.mentor, monday_of_week(day)}];
    ++total_[m.mentor];
    student_days_.insert({m.student, day});
  }

  // The mentor (and the parents) are free from start to end plus the break, and the student
  // has no other conversation that day.
  bool fits(const std::string& mentor, const std::string& student, const std::string& parents, Instant start,
            Instant end) const {
    if (student_days_.count({student, local_day(zone_, start)})) return false;
    return free(mentor, start, end) && (parents.empty() || free(parents_key(parents), start, end));
  }

  // The mentor's conversations on a day, and in the week (Monday to Sunday) of a day.
  int count(const std::string& mentor, date::sys_days day) const { return lookup(per_day_, mentor, day); }
  int week_count(const std::string& mentor, date::sys_days day) const {
    return lookup(per_week_, mentor, monday_of_week(day));
  }
  // The mentor's conversations booked so far (shares the work between leads).
  int total(const std::string& mentor) const {
    auto it = total_.find(mentor);
    return it == total_.end() ? 0 : it->second;
  }

 private:
  using Counts = std::map<std::pair<std::string, date::sys_days>, int>;
  static int lookup(const Counts& counts, const std::string& mentor, date::sys_days day) {
    auto it = counts.find({mentor, day});
    return it == counts.end() ? 0 : it->second;
  }
  static std::string parents_key(const std::string& group) { return "parents\x1f" + group; }
  bool free(const std::string& who, Instant start, Instant end) const {
    auto it = timelines_.find(who);
    return it == timelines_.end() || it->second.free(start, end + break_);
  }

  const date::time_zone* zone_;
  std::chrono::minutes break_;
  std::map<std::string, Timeline> timelines_;
  Counts per_day_;
  Counts per_week_;  // keyed by the week's Monday
  std::map<std::string, int> total_;
  std::set<std::pair<std::string, date::sys_days>> student_days_;
};

}  // namespace lobsync::planning
