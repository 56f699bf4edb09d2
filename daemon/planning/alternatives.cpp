#include "planning/alternatives.h"

#include "planning/occupancy.h"
#include "planning/school_calendar.h"
#include "planning/slot_rules.h"

#include <algorithm>

namespace lobsync::planning {
namespace {

using namespace std::chrono;

struct Frame {
  const domain::ConversationType* type = nullptr;
  date::sys_days from, to;
  minutes length{0};
  domain::TimeWindow hours;
};

// The days the meeting may move within: its type's window in its school year, from tomorrow,
// stretched to the meeting's own day when the planner placed it late (an overdue conversation).
std::optional<Frame> frame_of(const AlternativesInput& in) {
  const auto& m = in.meeting;
  Frame f;
  f.type = in.policy->type(m.type);
  if (!f.type || !m.active()) return std::nullopt;
  const auto day = local_day(in.zone, m.start);
  const auto year = school_year_for(*in.policy, day);
  const auto [from, to] = type_window(*f.type, year);
  f.from = std::max(from, local_day(in.zone, in.now) + date::days{1});
  f.to = std::min(std::max(to, day), year.end);
  f.length = duration_cast<minutes>(m.end - m.start);
  f.hours = hours_for(*in.policy, *f.type);
  if (f.from > f.to || f.length.count() <= 0) return std::nullopt;
  return f;
}

Occupancy occupancy_of(const AlternativesInput& in) {
  Occupancy occ(in.zone, minutes{in.policy->break_minutes});
  for (const auto& b : in.busy) occ.busy(in.meeting.mentor, b.start, b.end);
  for (const auto& other : in.mentor_meetings)
    if (other.id != in.meeting.id && other.active()) occ.book(other);
  return occ;
}

bool free_at(const AlternativesInput& in, const Occupancy& occ, Instant start, Instant end) {
  const auto& m = in.meeting;
  const auto day = local_day(in.zone, start);
  return occ.count(m.mentor, day) < in.policy->max_per_mentor_per_day &&
         occ.week_count(m.mentor, day) < in.policy->max_per_mentor_per_week &&
         occ.fits(m.mentor, m.student, {}, start, end);
}

}  // namespace

std::vector<FreeSlot> alternatives(const AlternativesInput& in, std::size_t limit) {
  std::vector<FreeSlot> out;
  const auto frame = frame_of(in);
  if (!frame || limit == 0) return out;
  const auto occ = occupancy_of(in);
  for (auto day = frame->from; day <= frame->to && out.size() < limit; day += date::days{1}) {
    for (const auto start : start_times(*in.policy, in.zone, day, frame->hours, static_cast<int>(frame->length.count()))) {
      const auto end = start + frame->length;
      if (start == in.meeting.start || start <= in.now) continue;
      if (!calendar_allows(*in.policy, in.zone, start, end, frame->from, frame->to, frame->hours)) continue;
      if (!free_at(in, occ, start, end)) continue;
      out.push_back({start, end});
      break;  // one per day: a spread of days is the useful choice
    }
  }
  return out;
}

SlotCheck check_slot(const AlternativesInput& in, Instant start) {
  const auto frame = frame_of(in);
  if (!frame || start <= in.now) return SlotCheck::not_allowed;
  const auto end = start + frame->length;
  if (!calendar_allows(*in.policy, in.zone, start, end, frame->from, frame->to, frame->hours))
    return SlotCheck::not_allowed;
  const auto grid = start_times(*in.policy, in.zone, local_day(in.zone, start), frame->hours,
                                static_cast<int>(frame->length.count()));
  if (std::find(grid.begin(), grid.end(), start) == grid.end()) return SlotCheck::not_allowed;
  return free_at(in, occupancy_of(in), start, end) ? SlotCheck::free : SlotCheck::taken;
}

}  // namespace lobsync::planning
