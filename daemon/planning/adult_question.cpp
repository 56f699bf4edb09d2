#include "planning/adult_question.h"

#include "links/adult_choice_link.h"
#include "links/token.h"
#include "messaging/imip.h"
#include "messaging/letter.h"
#include "messaging/translations.h"
#include "planning/conversation_title.h"

#include <lobsync/household.hpp>

namespace lobsync::planning {
namespace {

// The title of the conversation as it is with the parents: what the student is asked about.
std::string title_with_parents(const messaging::Translations& tr, const std::string& language, const domain::Policy& policy,
                               const AdultQuestion& q) {
  domain::Meeting m;
  m.type = q.type->id;
  m.participants.push_back({"parent", "", "", "", ""});
  return conversation_title(tr, language, policy, m);
}

std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  return text;
}

}  // namespace

std::string adult_choice_link(const AdultQuestion& q, const InvitationContext& ctx) {
  if (ctx.public_url.empty() || !ctx.link_key) return "";
  const auto subject = links::adult_choice_subject({q.school_year, q.type->id, q.student->key});
  return ctx.public_url + "/q/" + links::sign(*ctx.link_key, links::kAdultChoice, subject, q.link_expires);
}

std::string adult_question_key(const AdultQuestion& q) {
  return "adult-question:" + q.school_year + ":" + q.type->id + ":" + sdk::fnv1a_hex(q.student->key);
}

store::OutboxEntry adult_question_mail(const AdultQuestion& q, const InvitationContext& ctx) {
  const auto& tr = ctx.translations ? *ctx.translations : messaging::shipped_translations();
  const auto& policy = ctx.config->planning;
  const auto& s = *q.student;
  if (s.email.empty()) throw messaging::MessageError("the student has no e-mail address");
  const auto link = adult_choice_link(q, ctx);
  if (link.empty()) throw messaging::MessageError("no link can be made (http.public_url is not set)");
  const auto language = tr.resolve(s.language);
  const auto school = ctx.config->school_name.empty() ? policy.organizer.name : ctx.config->school_name;
  const auto sender = policy.organizer.name.empty() ? school : policy.organizer.name;
  const messaging::Translations::Values values{
      {"name", s.given_name.empty() ? s.display_name() : s.given_name},
      {"conversation", title_with_parents(tr, language, policy, q)},
      {"mentor", q.mentor_name},
      {"date", messaging::format_date(tr, language, date::format("%F", q.until))}};

  messaging::Letter l;
  l.language = language;
  l.right_to_left = tr.text(language, "meta.direction") == "rtl";
  l.title = one_line(tr.text(language, "adult_question.subject", values));
  l.greeting = tr.text(language, "adult_question.greeting", values);
  l.paragraphs = {tr.text(language, "adult_question.intro", values), tr.text(language, "adult_question.choice", values),
                  tr.text(language, "adult_question.deadline", values)};
  l.links.push_back({tr.text(language, "adult_question.link", values), tr.text(language, "adult_question.link_label", values), link});
  l.signoff = {tr.text(language, "invitation.signoff"), sender};
  if (!school.empty() && school != sender) l.signoff.push_back(school);

  messaging::HtmlMail mail;
  mail.from = {policy.organizer.email, sender};
  mail.to = {{s.email, s.display_name()}};
  mail.subject = l.title;
  mail.text = messaging::letter_text(l);
  mail.html = messaging::letter_html(l);
  const auto key = adult_question_key(q);
  mail.message_id_left = "adult-question." + q.school_year + "." + q.type->id + "." + sdk::fnv1a_hex(s.key);
  mail.date = ctx.now;
  return {key, policy.mailer, "mail.send",
          nlohmann::json{{"idempotency_key", key},
                         {"from", policy.organizer.email},
                         {"recipients", nlohmann::json::array({s.email})},
                         {"message", messaging::build_html_message(mail)}}};
}

}  // namespace lobsync::planning
