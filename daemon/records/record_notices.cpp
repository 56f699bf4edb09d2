#include "records/record_notices.h"

#include "messaging/translations.h"
#include "records/record_case.h"
#include "records/record_link.h"
#include "store/store.h"

#include <fmt/format.h>

namespace lobsync::records {
namespace {

using notices::Notice;
using notices::NoticeContext;

std::string household_of(const NoticeContext& ctx, const RecordCase& c, const domain::Participant& parent) {
  if (const auto it = ctx.school->guardians.find(parent.key); it != ctx.school->guardians.end() && !it->second.household.empty())
    return it->second.household;
  return c.meeting.household.empty() ? "guardian:" + parent.key : c.meeting.household;
}

Notice base(const NoticeContext& ctx, const RecordCase& c, const domain::Participant& to, const char* kind,
            std::string key) {
  Notice n;
  n.key = std::move(key);
  n.recipient = to;
  n.meeting = c.meeting.id;
  n.student = c.meeting.student;
  n.kind = kind;
  n.about = c.meeting.start;
  n.section.link = record_link(ctx.public_url, *ctx.link_key, c.record.id, to.key, c.latest().created_at);
  return n;
}

Notice parent_notice(const NoticeContext& ctx, const RecordCase& c, const domain::Participant& parent) {
  const auto& tr = *ctx.translations;
  const auto lang = tr.resolve(parent.language);
  const int v = c.latest().version;
  auto n = base(ctx, c, parent, "record_signoff", fmt::format("record:{}:v{}:{}", c.record.id, v, parent.key));
  n.household = household_of(ctx, c, parent);
  const messaging::Translations::Values values{{"student", c.student_first_name()}};
  n.section.heading = tr.text(lang, "record_notice.heading", values);
  n.section.paragraphs.push_back(tr.text(lang, v > 1 ? "record_notice.text_changed" : "record_notice.text", values));
  n.section.link_label = tr.text(lang, "record_notice.link_label");
  return n;
}

Notice student_notice(const NoticeContext& ctx, const RecordCase& c, const domain::Participant& student) {
  const auto& tr = *ctx.translations;
  const auto lang = tr.resolve(student.language);
  const int v = c.latest().version;
  auto n = base(ctx, c, student, "record_share", fmt::format("record-share:{}:v{}:{}", c.record.id, v, student.key));
  n.household = "student:" + student.key;
  n.section.heading = tr.text(lang, "record_notice.share_heading");
  n.section.paragraphs.push_back(tr.text(lang, "record_notice.share_text"));
  n.section.link_label = tr.text(lang, "record_notice.share_link_label");
  return n;
}

}  // namespace

std::vector<Notice> record_notices(const NoticeContext& ctx) {
  std::vector<Notice> out;
  if (ctx.public_url.empty() || !ctx.link_key || !ctx.store || !ctx.school || !ctx.translations) return out;
  for (auto& record : ctx.store->records().all_records()) {
    const auto c = load_case(*ctx.store, std::move(record), *ctx.school, ctx.zone);
    if (!c) continue;
    if (ctx.now >= record_link_expiry(c->latest().created_at)) continue;  // the link would not open
    const auto signoff = c->signoff(c->latest().version);
    for (const auto& p : c->meeting.participants) {
      if (p.email.empty()) continue;
      if (p.role == "parent" && c->parents_may_see() && !signed_by(signoff, p.key)) out.push_back(parent_notice(ctx, *c, p));
      if (p.role == "student" && c->adult && !c->sharing) out.push_back(student_notice(ctx, *c, p));
    }
  }
  return out;
}

}  // namespace lobsync::records
