#include "records/report_notices.h"

#include "messaging/translations.h"
#include "planning/school_calendar.h"
#include "records/record_link.h"
#include "records/report_case.h"
#include "records/student_link.h"
#include "store/store.h"

#include <fmt/format.h>

namespace lobsync::records {
namespace {

using notices::Notice;
using notices::NoticeContext;

Notice base(const domain::Meeting& m, const domain::Participant& to, const char* kind, std::string key) {
  Notice n;
  n.key = std::move(key);
  n.recipient = to;
  n.meeting = m.id;
  n.student = m.student;
  n.kind = kind;
  n.about = m.start;
  return n;
}

void invite_students(const NoticeContext& ctx, std::vector<Notice>& out) {
  const auto& tr = *ctx.translations;
  const auto year = planning::school_year_for(ctx.config->planning, planning::local_day(ctx.zone, ctx.now)).label;
  for (const auto& m : ctx.store->meetings().meetings(year)) {
    if (report_window(m, ctx.now) != ReportWindow::open) continue;
    const auto expires = m.start + kStudentLinkValidity;
    if (ctx.now >= expires || ctx.store->student_reports().student_report(m.id)) continue;
    for (const auto& p : m.participants) {
      if (p.role != "student" || p.email.empty()) continue;
      const auto lang = tr.resolve(p.language);
      auto n = base(m, p, "student_report", fmt::format("student-report:{}:{}", m.id, p.key));
      n.household = "student:" + p.key;
      n.section.heading = tr.text(lang, "student_report.notice.heading");
      n.section.paragraphs.push_back(tr.text(lang, "student_report.notice.text"));
      n.section.link = student_link(ctx.public_url, *ctx.link_key, m.student, expires);
      n.section.link_label = tr.text(lang, "student_report.notice.link_label");
      out.push_back(std::move(n));
    }
  }
}

std::string household_of(const NoticeContext& ctx, const domain::Meeting& m, const domain::Participant& parent) {
  if (const auto it = ctx.school->guardians.find(parent.key); it != ctx.school->guardians.end() && !it->second.household.empty())
    return it->second.household;
  return m.household.empty() ? "guardian:" + parent.key : m.household;
}

void ask_parents(const NoticeContext& ctx, std::vector<Notice>& out) {
  const auto& tr = *ctx.translations;
  for (auto& report : ctx.store->student_reports().all_student_reports()) {
    const auto c = load_report_case(*ctx.store, std::move(report), *ctx.school, ctx.zone);
    if (!c || c->record_id.empty() || !c->parents_may_see()) continue;
    const auto& latest = c->latest();
    if (ctx.now >= record_link_expiry(latest.created_at)) continue;
    const auto signoff = c->signoff(latest.version);
    for (const auto& p : c->meeting.participants) {
      if (p.role != "parent" || p.email.empty() || signed_by(signoff, p.key)) continue;
      const auto lang = tr.resolve(p.language);
      auto n = base(c->meeting, p, "report_signoff", fmt::format("report:{}:v{}:{}", c->meeting.id, latest.version, p.key));
      n.household = household_of(ctx, c->meeting, p);
      std::string first_name;
      for (const auto& s : c->meeting.participants)
        if (s.role == "student") first_name = s.name.substr(0, s.name.find(' '));
      if (c->student && !c->student->given_name.empty()) first_name = c->student->given_name;
      const messaging::Translations::Values values{{"student", first_name}};
      n.section.heading = tr.text(lang, "student_report.parent_notice.heading", values);
      n.section.paragraphs.push_back(tr.text(lang, "student_report.parent_notice.text", values));
      n.section.link = record_link(ctx.public_url, *ctx.link_key, c->record_id, p.key, latest.created_at);
      n.section.link_label = tr.text(lang, "record_notice.link_label");
      out.push_back(std::move(n));
    }
  }
}

}  // namespace

std::vector<Notice> report_notices(const NoticeContext& ctx) {
  std::vector<Notice> out;
  if (ctx.public_url.empty() || !ctx.link_key || !ctx.store || !ctx.school || !ctx.translations || !ctx.config) return out;
  invite_students(ctx, out);
  ask_parents(ctx, out);
  return out;
}

}  // namespace lobsync::records
