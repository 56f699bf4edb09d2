#include "assignments/notice_source.h"

#include "assignments/assignment_links.h"
#include "messaging/assignment_templates.h"
#include "messaging/translations.h"
#include "store/store.h"

#include <set>

namespace lobsync::assignments {
namespace {

using namespace std::chrono;
using domain::Meeting;
using domain::Participant;

std::string first_name(const notices::NoticeContext& ctx, const Meeting& m) {
  if (const auto it = ctx.school->students.find(m.student); it != ctx.school->students.end() && !it->second.given_name.empty())
    return it->second.given_name;
  for (const auto& p : m.participants)
    if (p.role == "student") return p.name.substr(0, p.name.find(' '));
  return "";
}

// Parents of one household share a digest; a student gets their own.
std::string household_of(const notices::NoticeContext& ctx, const Meeting& m, const Participant& p) {
  if (p.role == "student") return "student:" + p.key;
  if (const auto it = ctx.school->guardians.find(p.key); it != ctx.school->guardians.end() && !it->second.household.empty())
    return it->second.household;
  if (!m.household.empty()) return m.household;
  return "guardian:" + p.key;
}

bool is_organisation(const notices::NoticeContext& ctx, const Participant& p) {
  const auto it = ctx.school->guardians.find(p.key);
  return it != ctx.school->guardians.end() && it->second.is_organisation;
}

// Active meetings of every mentor on the roster, each once.
std::vector<Meeting> candidate_meetings(const notices::NoticeContext& ctx) {
  std::vector<Meeting> out;
  std::set<std::string> seen;
  for (const auto& [key, staff] : ctx.school->staff)
    for (auto& m : ctx.store->meetings().mentor_meetings(key))
      if (seen.insert(m.id).second) out.push_back(std::move(m));
  return out;
}

notices::Notice notice_for(const notices::NoticeContext& ctx, const Meeting& m, const Participant& p,
                           const std::string& template_id, bool reminder) {
  const auto& tr = *ctx.translations;
  const auto language = tr.resolve(p.language);
  const auto text = messaging::assignment_text(tr, language, template_id);
  notices::Notice n;
  n.key = std::string(reminder ? "assignment-reminder:" : "assignment:") + m.id + ":" + p.key;
  n.kind = reminder ? "assignment_reminder" : "assignment";
  n.household = household_of(ctx, m, p);
  n.recipient = p;
  n.meeting = m.id;
  n.student = m.student;
  n.about = m.start;
  n.section.heading = tr.text(language, reminder ? "assignment.notice.reminder_heading" : "assignment.notice.heading",
                              {{"student", first_name(ctx, m)}, {"title", text.title}});
  n.section.paragraphs = text.steps;
  n.section.paragraphs.push_back(tr.text(
      language, "assignment.notice.when",
      {{"when", messaging::format_date_time(tr, language, m.start, m.end, ctx.config->timezone)}}));
  if (!ctx.public_url.empty() && ctx.link_key) {
    n.section.link = assignment_link(ctx.public_url, *ctx.link_key, m, p.key);
    n.section.link_label = tr.text(language, "assignment.notice.link");
  }
  return n;
}

}  // namespace

Instant local_days_before(Instant start, int days, const date::time_zone& zone) {
  const auto local = zone.to_local(floor<seconds>(start)) - date::days{days};
  const auto sub_second = start - floor<seconds>(start);
  // A wall-clock time skipped or repeated by a clock change: the earlier instant, so nothing
  // goes out later than promised.
  return time_point_cast<milliseconds>(zone.to_sys(local, date::choose::earliest)) + sub_second;
}

std::vector<notices::Notice> assignment_notices(const notices::NoticeContext& ctx) {
  std::vector<notices::Notice> out;
  if (!ctx.config || !ctx.school || !ctx.zone || !ctx.translations || !ctx.store) return out;
  const auto& settings = ctx.config->assignments;
  for (const auto& m : candidate_meetings(ctx)) {
    if (m.status != domain::kPlanned && m.status != domain::kConfirmed) continue;
    if (m.start <= ctx.now) continue;
    const auto template_id = settings.template_for(m.type);
    if (!template_id) continue;
    if (ctx.now < local_days_before(m.start, settings.days_before, *ctx.zone)) continue;
    if (ctx.store->assignments().assignment(m.id)) continue;  // done: nothing more to say
    const bool reminder_due = ctx.now >= local_days_before(m.start, settings.reminder_days_before, *ctx.zone);
    for (const auto& p : m.participants) {
      if ((p.role != "student" && p.role != "parent") || p.email.empty()) continue;
      // A home assignment is for the family table: a guardian organisation does not get one.
      if (p.role == "parent" && is_organisation(ctx, p)) continue;
      auto first = notice_for(ctx, m, p, *template_id, false);
      if (!reminder_due) {
        out.push_back(std::move(first));
        continue;
      }
      auto reminder = notice_for(ctx, m, p, *template_id, true);
      // Sent together for the first time: the assignment alone, and the reminder never after.
      first.supersedes.push_back(reminder.key);
      out.push_back(std::move(first));
      out.push_back(std::move(reminder));
    }
  }
  return out;
}

}  // namespace lobsync::assignments
