#include "planning/planner.h"

#include "planning/demands.h"
#include "planning/occupancy.h"
#include "planning/school_calendar.h"
#include "planning/slot_rules.h"
#include "planning/timeline.h"

#include <lobsync/household.hpp>

#include <algorithm>
#include <tuple>

namespace lobsync::planning {
namespace {

using namespace std::chrono;
using domain::Meeting;

struct Slot {
  Instant start, end;
};

class Placer {
 public:
  Placer(const PlanInput& input, Occupancy& occupancy) : in_(input), policy_(*input.policy), occ_(occupancy) {}

  domain::TimeWindow hours_for(const Demand& d) const { return planning::hours_for(policy_, *d.type); }

  // Whether a slot respects the rules for this demand (day, hours, mentor, limits).
  bool allowed(const Demand& d, Instant start, Instant end, const domain::TimeWindow& hours) const {
    if (start <= in_.now) return false;
    if (!calendar_allows(policy_, in_.zone, start, end, d.from, d.to, hours)) return false;
    if (!has_room(d.mentor, local_day(in_.zone, start))) return false;
    return occ_.fits(d.mentor, d.student->key, d.sibling_group, start, end);
  }

  // The mentor is below the day's and the week's limit (`extra`: meetings about to be added).
  bool has_room(const std::string& mentor, date::sys_days day, int extra = 0) const {
    return occ_.count(mentor, day) + extra < policy_.max_per_mentor_per_day &&
           occ_.week_count(mentor, day) + extra < policy_.max_per_mentor_per_week;
  }

  // The days of a demand's window worth trying, in the order the placement asks for.
  std::vector<date::sys_days> days_to_try(const Demand& d) const {
    const bool spread = policy_.placement == domain::Placement::spread;
    const auto& preferred = policy_.preferred_weekdays;
    // (week's load, not preferred, day's load, day): each count looked up once per day; the day
    // last, so among equally loaded days the earliest comes first and the plan stays the same.
    std::vector<std::tuple<int, bool, int, date::sys_days>> days;
    for (auto day = d.from; day <= d.to; day += date::days{1}) {
      if (!conversation_day(policy_, day)) continue;
      const int week = occ_.week_count(d.mentor, day), today = occ_.count(d.mentor, day);
      if (today >= policy_.max_per_mentor_per_day || week >= policy_.max_per_mentor_per_week) continue;
      if (!spread) {
        days.emplace_back(0, false, 0, day);
        continue;
      }
      const bool is_preferred = std::find(preferred.begin(), preferred.end(), date::weekday{day}) != preferred.end();
      days.emplace_back(week, !is_preferred, today, day);
    }
    if (spread) std::sort(days.begin(), days.end());
    std::vector<date::sys_days> out;
    out.reserve(days.size());
    for (const auto& entry : days) out.push_back(std::get<3>(entry));
    return out;
  }

  std::optional<Slot> find_slot(const Demand& d, const domain::TimeWindow& hours) const {
    const minutes length{d.minutes};
    for (const auto day : days_to_try(d))
      for (const auto start : start_times(policy_, in_.zone, day, hours, d.minutes))
        if (allowed(d, start, start + length, hours)) return Slot{start, start + length};
    return std::nullopt;
  }

  // Right after or right before the sibling's meeting with the same parents.
  std::optional<Slot> next_to(const Demand& d, const Meeting& sibling, const domain::TimeWindow& hours) const {
    const minutes length{d.minutes};
    const minutes pause{policy_.break_minutes};
    for (const auto start : {sibling.end + pause, sibling.start - pause - length}) {
      if (allowed(d, start, start + length, hours)) return Slot{start, start + length};
    }
    return std::nullopt;
  }

  // Siblings' meetings with the same parents one after the other (each with their own
  // mentor), at the first time where the whole row fits.
  std::optional<std::vector<Slot>> place_row(const std::vector<const Demand*>& row) const {
    const auto& first = *row.front();
    const auto hours = hours_for(first);
    const minutes pause{policy_.break_minutes};
    for (const auto day : days_to_try(first)) {
      for (const auto row_start : start_times(policy_, in_.zone, day, hours, first.minutes)) {
        std::vector<Slot> slots;
        std::map<std::string, int> extra;  // meetings this row adds per mentor that day
        auto start = row_start;
        for (const auto* d : row) {
          const auto end = start + minutes{d->minutes};
          if (!allowed(*d, start, end, hours_for(*d)) || !has_room(d->mentor, day, extra[d->mentor])) break;
          if (!slots.empty() && d->mentor == row[slots.size() - 1]->mentor && start < slots.back().end + pause) break;
          slots.push_back({start, end});
          ++extra[d->mentor];
          start = end + pause;
        }
        if (slots.size() == row.size()) return slots;
      }
    }
    return std::nullopt;
  }

  // The leads who may take the demand, least booked first (the policy's order among equals),
  // each as the demand led by them.
  std::vector<Demand> by_load(const Demand& d) const {
    std::vector<std::pair<int, std::size_t>> order;
    for (std::size_t i = 0; i < d.leads.size(); ++i) order.emplace_back(occ_.total(d.leads[i]), i);
    std::sort(order.begin(), order.end());
    std::vector<Demand> out;
    for (const auto& [load, i] : order) out.push_back(led_by(d, *in_.school, d.leads[i]));
    if (out.empty()) out.push_back(d);
    return out;
  }

  std::optional<Slot> place(const Demand& d, const Meeting* sibling) const {
    const auto general = hours_for(d);
    std::vector<domain::TimeWindow> tries;
    if (d.type->with_parents) {
      if (auto it = in_.parent_preferences.find(d.student->key); it != in_.parent_preferences.end()) {
        const domain::TimeWindow both{std::max(it->second.from, general.from), std::min(it->second.to, general.to)};
        if (both.to > both.from) tries.push_back(both);
      }
    }
    tries.push_back(general);
    for (const auto& hours : tries) {
      if (sibling && policy_.siblings_back_to_back)
        if (auto s = next_to(d, *sibling, hours)) return s;
      if (auto s = find_slot(d, hours)) return s;
    }
    return std::nullopt;
  }

 private:
  const PlanInput& in_;
  const domain::Policy& policy_;
  Occupancy& occ_;
};

bool is_past(const Meeting& m, Instant now) { return m.start <= now; }

std::string location_for(const domain::Policy& policy, const domain::ConversationType& type) {
  return type.location.empty() ? policy.default_location : type.location;
}

}  // namespace

const char* change_name(Change change) {
  switch (change) {
    case Change::kept: return "kept";
    case Change::created: return "created";
    case Change::moved: return "moved";
    case Change::updated: return "updated";
    case Change::cancelled: return "cancelled";
  }
  return "kept";
}

int PlanResult::count(Change change) const {
  return static_cast<int>(std::count_if(meetings.begin(), meetings.end(), [&](auto& m) { return m.change == change; }));
}

std::string meeting_id(const std::string& school_year, const std::string& type, const std::string& student,
                       const std::string& household) {
  return "m-" + sdk::fnv1a_hex(school_year + "\x1f" + type + "\x1f" + student + "\x1f" + household);
}

PlanResult plan(const PlanInput& input) {
  const auto& policy = *input.policy;
  const auto today = local_day(input.zone, input.now);
  const auto year = school_year_for(policy, today);
  const auto earliest = today + date::days{std::max(policy.notice_days, 0)};

  PlanResult result;
  result.school_year = year.label;
  auto demands = collect_demands(input, year, today, earliest);
  result.unplaced = std::move(demands.unplaced);
  result.waiting = std::move(demands.waiting);

  std::map<std::string, std::string> parents_of;  // meeting id → the parents' group in it
  for (const auto& d : demands.demands)
    if (!d.sibling_group.empty()) parents_of[d.id] = d.sibling_group;
  auto parents_in = [&](const Meeting& m) {
    auto it = parents_of.find(m.id);
    return it == parents_of.end() ? std::string() : it->second;
  };

  Occupancy occupancy(input.zone, minutes{policy.break_minutes});
  for (const auto& b : input.busy) occupancy.busy(b.person, b.start, b.end);

  std::map<std::string, const Meeting*> existing;
  for (const auto& m : input.existing) existing.emplace(m.id, &m);
  // A family that asked for an interpreter keeps the longer conversation when it is placed again.
  for (auto& d : demands.demands)
    if (const auto it = existing.find(d.id); it != existing.end() && !it->second->interpreter.empty())
      d.minutes += policy.interpreter_extra_minutes;
  std::set<std::string> demanded;
  for (const auto& d : demands.demands) demanded.insert(d.id);

  std::map<std::string, PlannedMeeting> out;  // by id: the result is ordered and stable
  // 1. Meetings that stay where they are whatever happens: held, confirmed, or already past.
  for (const auto& m : input.existing) {
    if (!m.active()) {
      out[m.id] = {m, Change::kept};
      continue;
    }
    // A missed conversation is still owed: it is placed again below, whatever its old time.
    const bool missed = m.status == domain::kMissed;
    const bool fixed = !missed && (m.status == domain::kHeld || m.status == domain::kConfirmed || is_past(m, input.now));
    if (fixed) {
      out[m.id] = {m, Change::kept};
      occupancy.book(m, parents_in(m));
    } else if (!demanded.count(m.id)) {  // the student left, or the type no longer applies
      auto cancelled = m;
      cancelled.status = domain::kCancelled;
      ++cancelled.sequence;
      out[m.id] = {cancelled, Change::cancelled};
    }
  }

  // 2. Planned meetings that still fit stay; 3. the rest is placed, in demand order.
  Placer placer(input, occupancy);
  std::vector<const Demand*> to_place;
  for (const auto& d : demands.demands) {
    auto it = existing.find(d.id);
    if (it == existing.end() || !it->second->active()) {
      to_place.push_back(&d);
      continue;
    }
    const Meeting& m = *it->second;
    if (out.count(m.id)) continue;  // fixed above
    // Its lead may still lead it (a shared type keeps whoever took it).
    const bool may_lead = std::find(d.leads.begin(), d.leads.end(), m.mentor) != d.leads.end();
    const auto led = may_lead && m.mentor != d.mentor ? led_by(d, *input.school, m.mentor) : d;
    if (may_lead && placer.allowed(led, m.start, m.end, placer.hours_for(led))) {
      auto kept = m;
      Change change = Change::kept;
      if (kept.participants != led.participants) {
        kept.participants = led.participants;
        ++kept.sequence;
        change = Change::updated;
      }
      out[m.id] = {kept, change};
      occupancy.book(kept, parents_in(kept));
    } else {
      to_place.push_back(&d);
    }
  }

  auto commit = [&](const Demand& d, const Slot& slot) -> const Meeting& {
    Meeting m;
    Change change = Change::created;
    if (auto it = existing.find(d.id); it != existing.end()) {
      m = *it->second;  // keeps its id and history; a new time is a new version
      ++m.sequence;
      m.status = domain::kPlanned;
      change = Change::moved;
    }
    m.id = d.id;
    m.type = d.type->id;
    m.student = d.student->key;
    m.mentor = d.mentor;
    m.household = d.household;
    m.start = slot.start;
    m.end = slot.end;
    m.location = location_for(policy, *d.type);
    m.participants = d.participants;
    m.school_year = year.label;
    occupancy.book(m, d.sibling_group);
    auto& placed = out[m.id];
    placed = {std::move(m), change};
    return placed.meeting;
  };
  auto give_up = [&](const Demand& d) {
    if (auto it = existing.find(d.id); it != existing.end() && it->second->active()) {
      out[d.id] = {*it->second, Change::kept};
      result.unplaced.push_back({d.student->key, d.type->id,
                                 "its time no longer fits (mentor busy, hours or holidays changed) and no other "
                                 "free time was found: kept at the old time"});
      return;
    }
    result.unplaced.push_back({d.student->key, d.type->id,
                               "no free time in its window: the mentor is busy, the days are full (max " +
                                   std::to_string(policy.max_per_mentor_per_day) + " a day, " +
                                   std::to_string(policy.max_per_mentor_per_week) + " a week) or fall in holidays"});
  };

  // (type, parents' group) → a meeting of theirs that is placed, for siblings who come later.
  std::map<std::string, const Meeting*> group_meeting;
  for (const auto& d : demands.demands)
    if (auto it = out.find(d.id); !d.sibling_group.empty() && it != out.end() && it->second.meeting.active())
      group_meeting[d.type->id + "|" + d.sibling_group] = &it->second.meeting;

  for (std::size_t i = 0; i < to_place.size();) {
    // A row: siblings' conversations of one type with the same parents (adjacent by sort order).
    std::size_t j = i + 1;
    const auto& head = *to_place[i];
    while (j < to_place.size() && !head.sibling_group.empty() && to_place[j]->sibling_group == head.sibling_group &&
           to_place[j]->type == head.type)
      ++j;
    std::vector<const Demand*> row(to_place.begin() + static_cast<std::ptrdiff_t>(i),
                                   to_place.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
    if (row.size() > 1 && policy.siblings_back_to_back) {
      std::vector<Demand> led;  // each sibling's talk with its least booked lead
      for (const auto* d : row) led.push_back(placer.by_load(*d).front());
      std::vector<const Demand*> led_row;
      for (const auto& d : led) led_row.push_back(&d);
      if (auto slots = placer.place_row(led_row)) {
        for (std::size_t k = 0; k < led.size(); ++k)
          group_meeting[head.type->id + "|" + head.sibling_group] = &commit(led[k], (*slots)[k]);
        continue;
      }
    }
    // The row could not be kept together (or it is one sibling moving): as close as possible
    // to a sibling's meeting that stays.
    const Meeting* previous = nullptr;
    if (auto it = group_meeting.find(head.type->id + "|" + head.sibling_group);
        !head.sibling_group.empty() && it != group_meeting.end())
      previous = it->second;
    for (const auto* d : row) {
      auto try_lead = [&](const Demand& led) {
        auto slot = placer.place(led, previous);
        if (!slot) return false;
        previous = &commit(led, *slot);
        if (!d->sibling_group.empty()) group_meeting[d->type->id + "|" + d->sibling_group] = previous;
        return true;
      };
      bool placed = false;
      if (d->leads.size() <= 1) {
        placed = try_lead(*d);  // the common case: one lead, no copy
      } else {
        for (const auto& led : placer.by_load(*d))
          if ((placed = try_lead(led))) break;
      }
      if (!placed) give_up(*d);
    }
  }

  // The demands and lookups are done with. Freed before the result is built, and each meeting
  // moved out of its map node and the node freed, so a large school (100,000 meetings) does not
  // hold its year twice at the end.
  group_meeting.clear();
  to_place = {};
  demanded.clear();
  parents_of.clear();
  demands.demands = {};
  result.meetings.reserve(out.size());
  while (!out.empty()) result.meetings.push_back(std::move(out.extract(out.begin()).mapped()));
  std::sort(result.unplaced.begin(), result.unplaced.end(), [](const Unplaced& a, const Unplaced& b) {
    return std::tie(a.student, a.type) < std::tie(b.student, b.type);
  });
  std::sort(result.waiting.begin(), result.waiting.end(), [](const Waiting& a, const Waiting& b) {
    return std::tie(a.student, a.type) < std::tie(b.student, b.type);
  });
  return result;
}

}  // namespace lobsync::planning
