#include "app/plan_run.h"

#include "app/adult_question.h"
#include "app/services.h"
#include "core/iso_time.h"
#include "core/log.h"
#include "core/metrics.h"
#include "domain/leads.h"
#include "links/key_ring.h"
#include "planning/busy_reader.h"
#include "planning/dropped_parents.h"
#include "planning/invitations.h"
#include "planning/school_calendar.h"

#include <date/date.h>

namespace lobsync::app {

using namespace planning;  // the feature this use case drives

namespace {

using nlohmann::json;

json meeting_json(const PlannedMeeting& pm) {
  const auto& m = pm.meeting;
  json participants = json::array();
  for (const auto& p : m.participants)
    participants.push_back({{"role", p.role}, {"key", p.key}, {"name", p.name}, {"invited", !p.email.empty()}});
  return {{"id", m.id},         {"type", m.type},         {"student", m.student},   {"mentor", m.mentor},
          {"start", iso_utc(m.start)}, {"end", iso_utc(m.end)},   {"location", m.location}, {"participants", participants},
          {"status", m.status}, {"sequence", m.sequence}, {"change", change_name(pm.change)}};
}

}  // namespace

PlanReport run_plan(Services& services, const PlanOptions& options) {
  const auto started = services.clock().now();
  const auto& config = services.config();
  const auto* zone = services.zone();
  auto& meetings = services.store().meetings();

  PlanReport report;
  report.dry_run = options.dry_run;
  const auto school_model = services.school();
  const auto& school = *school_model;
  report.problems = school.problems;
  const auto year = school_year_for(config.planning, local_day(zone, started));

  PlanInput input;
  input.school = &school;
  input.policy = &config.planning;
  input.zone = zone;
  input.now = started;
  input.existing = meetings.meetings(year.label);
  input.separate_households = meetings.separate_households();
  input.parent_preferences = meetings.parent_preferences();
  for (const auto& [key, choice] : services.store().adult_choices().adult_choices(year.label))
    if (choice.answer) input.adult_answers[key] = *choice.answer == store::AdultAnswer::parents;

  std::set<std::string> mentors;
  for (const auto& [key, student] : school.students)
    for (const auto& lead : domain::possible_leads(school, config.planning, student)) mentors.insert(lead);
  auto busy = read_busy(services.plugins(), school, mentors, started, at_local(zone, year.end + date::days{1}, 0),
                        own_meetings(input.existing, config.planning));
  input.busy = std::move(busy.busy);
  report.warnings = std::move(busy.warnings);
  for (auto& w : domain::unknown_decanen(school, config.planning)) report.warnings.push_back(std::move(w));
  if (!options.dry_run) {
    // The booking pages offer parents other times from this copy, not from the live sources.
    std::vector<store::BusyTime> cache;
    cache.reserve(input.busy.size());
    for (const auto& b : input.busy) cache.push_back({b.person, b.start, b.end});
    meetings.replace_busy_times(cache);
  }

  report.result = plan(input);
  report.load = weekly_load(report.result, zone);
  report.max_per_day = config.planning.max_per_mentor_per_day;
  report.max_per_week = config.planning.max_per_mentor_per_week;
  for (auto& w : holidays_missing_warnings(config.planning, local_day(zone, started))) report.warnings.push_back(std::move(w));

  std::vector<domain::Meeting> changed;
  std::vector<store::OutboxEntry> effects;
  InvitationContext context;
  context.config = &config;
  context.school = &school;
  context.zone = zone;
  context.now = started;
  context.problems = &report.problems;
  if (!config.http.public_url.empty()) {
    context.public_url = config.http.public_url;
    // A dry run creates no key (its messages are never sent): without one it puts in no links.
    context.link_key = options.dry_run ? services.store().link_keys().newest_link_key()
                                       : links::current_key(services.store().link_keys(), started);
  }
  // Saved in slices, each meeting together with its invitations in one transaction: memory
  // stays bounded for a large school (a first plan of 50,000 students builds ~400,000 messages),
  // and a crash between slices leaves consistent meetings that the next plan keeps.
  constexpr std::size_t kSlice = 500;
  auto flush = [&] {
    report.effects += effects.size();
    if (!options.dry_run && !changed.empty()) meetings.save(changed, effects, services.clock().now());
    changed.clear();
    effects.clear();
  };
  std::map<std::string, const domain::Meeting*> before;
  for (const auto& m : input.existing) before.emplace(m.id, &m);
  for (const auto& pm : report.result.meetings) {
    if (pm.change == Change::kept) continue;
    changed.push_back(pm.meeting);
    auto more = invitation_effects(pm.meeting, pm.change, context);
    if (auto it = before.find(pm.meeting.id); it != before.end() && pm.meeting.active()) {
      auto cancels = dropped_parent_effects(*it->second, pm.meeting, context);
      more.insert(more.end(), std::make_move_iterator(cancels.begin()), std::make_move_iterator(cancels.end()));
    }
    effects.insert(effects.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    if (changed.size() >= kSlice) flush();
  }
  flush();
  if (!options.dry_run) report.asked = ask_adult_students(services, report.result, year, context);

  const auto finished = services.clock().now();
  auto summary_json = to_json(report, false);
  summary_json.erase("unplaced");
  summary_json["unplaced"] = report.result.unplaced.size();
  summary_json["problems"] = report.problems.size();
  summary_json["waiting"] = report.result.waiting.size();
  report.run_id = meetings.record_plan_run(started, finished, options.dry_run, summary_json);
  services.store().audit("planner", options.dry_run ? "plan.dry-run" : "plan", "plan-run:" + std::to_string(report.run_id),
                         summary_json, finished);
  auto& registry = metrics::global();
  registry.set("lobsync_plan_unplaced", {}, static_cast<double>(report.result.unplaced.size()));
  if (!report.problems.empty())
    log::warn("plan {}: {} roster value(s) or message(s) could not be used; see lobsync plan --json", report.run_id,
              report.problems.size());
  log::info("plan {}: {} planned, {} kept, {} moved, {} cancelled, {} unplaced, {} outbox items{}", report.run_id,
            report.result.count(Change::created), report.result.count(Change::kept), report.result.count(Change::moved),
            report.result.count(Change::cancelled), report.result.unplaced.size(), report.effects,
            options.dry_run ? " (dry run: nothing saved)" : "");
  return report;
}

namespace {

struct BusiestWeek {
  std::string lead, week;
  int count = 0;
};

BusiestWeek busiest_week(const planning::WeeklyLoad& load) {
  BusiestWeek out;
  for (const auto& [lead, weeks] : load)
    for (const auto& [week, count] : weeks)
      if (count > out.count) out = {lead, week, count};
  return out;
}

}  // namespace

json to_json(const PlanReport& report, bool verbose) {
  const auto& r = report.result;
  json unplaced = json::array();
  for (const auto& u : r.unplaced) unplaced.push_back({{"student", u.student}, {"type", u.type}, {"reason", u.reason}});
  json problems = json::array();
  for (const auto& p : report.problems)
    problems.push_back({{"record", p.record}, {"kind", p.kind}, {"field", p.field}, {"problem", p.problem}});
  json waiting = json::array();
  for (const auto& w : r.waiting)
    waiting.push_back({{"student", w.student}, {"type", w.type}, {"until", date::format("%F", w.until)},
                       {"reason", "waiting for the student's answer (18 or over: invite the parents or not)"}});
  json out = {{"run_id", report.run_id},
              {"school_year", r.school_year},
              {"dry_run", report.dry_run},
              {"planned", r.count(Change::created) + r.count(Change::moved)},
              {"kept", r.count(Change::kept) + r.count(Change::updated)},
              {"created", r.count(Change::created)},
              {"moved", r.count(Change::moved)},
              {"updated", r.count(Change::updated)},
              {"cancelled", r.count(Change::cancelled)},
              {"outbox_items", report.effects},
              {"adult_students_asked", report.asked},
              {"unplaced", unplaced},
              {"waiting", waiting},
              {"warnings", report.warnings},
              {"problems", problems},
              {"load", {{"max_per_day", report.max_per_day}, {"max_per_week", report.max_per_week},
                        {"per_week", report.load}}}};
  if (verbose) {
    json list = json::array();
    for (const auto& pm : r.meetings)
      if (pm.meeting.active() || pm.change == Change::cancelled) list.push_back(meeting_json(pm));
    out["meetings"] = list;
  }
  return out;
}

std::string summary(const PlanReport& report) {
  const auto& r = report.result;
  std::string out = fmt::format("plan {} ({}){}: {} planned ({} new, {} moved), {} kept, {} cancelled, {} unplaced, {} outbox items\n",
                                report.run_id, r.school_year, report.dry_run ? " dry run, nothing saved" : "",
                                r.count(Change::created) + r.count(Change::moved), r.count(Change::created),
                                r.count(Change::moved), r.count(Change::kept) + r.count(Change::updated),
                                r.count(Change::cancelled), r.unplaced.size(), report.effects);
  std::size_t shown = 0;
  for (const auto& u : r.unplaced) {
    if (++shown > 20) {
      out += fmt::format("  … and {} more (see --json)\n", r.unplaced.size() - 20);
      break;
    }
    out += fmt::format("  unplaced {} {}: {}\n", u.student, u.type, u.reason);
  }
  shown = 0;
  for (const auto& w : r.waiting) {
    if (++shown > 20) {
      out += fmt::format("  … and {} more waiting (see --json)\n", r.waiting.size() - 20);
      break;
    }
    out += fmt::format("  waiting {} {}: for the student's answer whether the parents are invited (until {})\n",
                       w.student, w.type, date::format("%F", w.until));
  }
  if (const auto busiest = busiest_week(report.load); busiest.count > 0)
    out += fmt::format("  workload: the busiest week has {} conversations ({}, {}); limits {} a day, {} a week\n",
                       busiest.count, busiest.lead, busiest.week, report.max_per_day, report.max_per_week);
  for (const auto& w : report.warnings) out += "  warning: " + w + "\n";
  shown = 0;
  for (const auto& p : report.problems) {
    if (++shown > 20) {
      out += fmt::format("  … and {} more problems (see --json)\n", report.problems.size() - 20);
      break;
    }
    out += fmt::format("  problem: {} {} {}: {} (not mailed; on the mentor's call list)\n", p.kind, p.record, p.field,
                       p.problem);
  }
  return out;
}

}  // namespace lobsync::app
