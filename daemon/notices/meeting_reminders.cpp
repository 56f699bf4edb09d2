#include "notices/meeting_reminders.h"

#include "domain/leads.h"
#include "messaging/translations.h"
#include "planning/conversation_title.h"
#include "planning/invitations.h"
#include "planning/school_calendar.h"
#include "store/store.h"

#include <algorithm>
#include <set>

namespace lobsync::notices {
namespace {

const domain::Participant* find_role(const domain::Meeting& m, std::string_view role) {
  for (const auto& p : m.participants)
    if (p.role == role) return &p;
  return nullptr;
}

bool awaited(const domain::Meeting& m, Instant now) {
  return (m.status == domain::kPlanned || m.status == domain::kConfirmed) && m.start > now;
}

// Meetings of the school years the reminders can reach: this one, and the next when the
// furthest offset looks past the end of this one.
std::vector<domain::Meeting> candidate_meetings(const NoticeContext& ctx, int furthest_days) {
  const auto& policy = ctx.config->planning;
  const auto today = planning::local_day(ctx.zone, ctx.now);
  std::set<std::string> years{planning::school_year_for(policy, today).label,
                              planning::school_year_for(policy, today + date::days{furthest_days}).label};
  std::vector<domain::Meeting> out;
  for (const auto& year : years) {
    auto more = ctx.store->meetings().meetings(year);
    out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return out;
}

std::string household_of(const NoticeContext& ctx, const domain::Participant& p) {
  if (p.role != "parent") return p.key;
  const auto it = ctx.school->guardians.find(p.key);
  if (it == ctx.school->guardians.end() || it->second.household.empty()) return p.key;
  return it->second.household;
}

std::string title_of(const NoticeContext& ctx, const domain::Meeting& m, const std::string& language) {
  return planning::conversation_title(*ctx.translations, language, ctx.config->planning, m);
}

Section section_for(const NoticeContext& ctx, const domain::Meeting& m, const domain::Participant& to,
                    const planning::InvitationContext& links) {
  const auto& tr = *ctx.translations;
  const auto language = tr.resolve(to.language);
  const auto* student = find_role(m, "student");
  const auto* mentor = find_role(m, "mentor");
  const messaging::Translations::Values values{
      {"title", title_of(ctx, m, language)},
      {"student", student ? student->name : ""},
      {"mentor", mentor ? mentor->name : ""},
      {"date", messaging::format_date_time(tr, language, m.start, m.end, ctx.config->timezone)},
      {"location", m.location}};
  Section s;
  s.heading = tr.text(language, "reminder.heading", values);
  const bool decaan = domain::led_by_decaan(*ctx.school, ctx.config->planning, m);
  s.paragraphs.push_back(tr.text(language, (decaan ? "reminder.intro.decaan." : "reminder.intro.") + to.role, values));
  s.paragraphs.push_back(tr.text(language, "reminder.when", values));
  if (!m.location.empty()) s.paragraphs.push_back(tr.text(language, "reminder.where", values));
  if (mentor) s.paragraphs.push_back(tr.text(language, decaan ? "reminder.decaan" : "reminder.mentor", values));
  if (to.role == "parent") {
    s.link = planning::booking_link(m, to, links);
    if (!s.link.empty()) {
      s.paragraphs.push_back(tr.text(language, "reminder.link", values));
      s.link_label = tr.text(language, "reminder.link_label", values);
    }
  }
  return s;
}

}  // namespace

std::string reminder_key(const std::string& meeting, int days, const std::string& participant) {
  return "reminder:" + meeting + ":" + std::to_string(days) + "d:" + participant;
}

std::vector<Notice> meeting_reminders(const NoticeContext& ctx) {
  std::vector<Notice> out;
  auto offsets = ctx.config->notices.reminder_days;  // nearest first below
  if (offsets.empty()) return out;
  std::sort(offsets.begin(), offsets.end());
  planning::InvitationContext links;
  links.config = ctx.config;
  links.school = ctx.school;
  links.zone = ctx.zone;
  links.now = ctx.now;
  links.translations = ctx.translations;
  links.public_url = ctx.public_url;
  links.link_key = ctx.link_key;

  for (const auto& m : candidate_meetings(ctx, offsets.back())) {
    if (!awaited(m, ctx.now)) continue;
    // The nearest offset whose moment has come; the larger ones are moot once it is sent.
    const auto due = std::find_if(offsets.begin(), offsets.end(), [&](int d) {
      return ctx.now >= m.start - std::chrono::hours(24 * d);
    });
    if (due == offsets.end()) continue;
    const auto* student = find_role(m, "student");
    for (const auto& p : m.participants) {
      if ((p.role != "student" && p.role != "parent") || p.email.empty()) continue;
      Notice n;
      n.key = reminder_key(m.id, *due, p.key);
      for (auto larger = due + 1; larger != offsets.end(); ++larger) n.supersedes.push_back(reminder_key(m.id, *larger, p.key));
      n.household = household_of(ctx, p);
      n.recipient = p;
      n.meeting = m.id;
      n.student = student ? student->key : m.student;
      n.kind = "meeting_reminder";
      n.about = m.start;
      n.section = section_for(ctx, m, p, links);
      out.push_back(std::move(n));
    }
  }
  return out;
}

}  // namespace lobsync::notices
