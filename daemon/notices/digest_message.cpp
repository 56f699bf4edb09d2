#include "notices/digest_message.h"

#include "messaging/imip.h"
#include "messaging/letter.h"
#include "messaging/translations.h"

#include <lobsync/household.hpp>

namespace lobsync::notices {
namespace {

using nlohmann::json;

bool is_organisation(const domain::School& school, const std::string& guardian) {
  const auto it = school.guardians.find(guardian);
  return it != school.guardians.end() && it->second.is_organisation;
}

messaging::Letter letter_for(const NoticeContext& ctx, const domain::Participant& to, const std::vector<Notice>& notices,
                             const std::string& language) {
  const auto& tr = *ctx.translations;
  const auto& organizer = ctx.config->planning.organizer;
  const auto school = ctx.config->school_name.empty() ? organizer.name : ctx.config->school_name;
  const auto contact = organizer.name.empty() ? school : organizer.name;
  // Students are greeted by their first name, parents and guardians by their whole name.
  const auto name = ctx.school ? domain::first_name(*ctx.school, to) : to.name;
  const messaging::Translations::Values values{{"name", name},
                                               {"school", school},
                                               {"organizer", contact},
                                               {"organizer_email", organizer.email},
                                               {"count", std::to_string(notices.size())}};
  const auto role = to.role == "parent" ? "parent" : "student";
  messaging::Letter l;
  l.language = language;
  l.right_to_left = tr.text(language, "meta.direction") == "rtl";
  l.title = tr.text(language, "digest.subject", values);
  l.greeting = name.empty() ? tr.text(language, "digest.greeting_anonymous", values)
                               : tr.text(language, "digest.greeting", values);
  l.paragraphs.push_back(tr.text(language, std::string("digest.intro.") + role, values));
  for (const auto& n : notices) {
    messaging::LetterSection s;
    s.heading = n.section.heading;
    s.paragraphs = n.section.paragraphs;
    if (!n.section.link.empty()) s.link = {"", n.section.link_label, n.section.link};
    l.sections.push_back(std::move(s));
  }
  // A guardian organisation (e.g. Nidos) is told why it gets the message as the organisation it is.
  const bool organisation = to.role == "parent" && ctx.school && is_organisation(*ctx.school, to.key);
  l.closing_paragraphs.push_back(tr.text(language, std::string("digest.footer.") + (organisation ? "organisation" : role), values));
  l.signoff = {tr.text(language, "digest.signoff", values), contact};
  if (!school.empty() && school != contact) l.signoff.push_back(school);
  return l;
}

}  // namespace

std::string digest_key(const std::string& recipient, const std::string& day) {
  return "digest:" + recipient + ":" + day;
}

store::OutboxEntry digest_mail(const NoticeContext& ctx, const domain::Participant& to, const std::vector<Notice>& notices,
                               const std::string& day) {
  const auto& policy = ctx.config->planning;
  const auto language = ctx.translations->resolve(to.language);
  const auto letter = letter_for(ctx, to, notices, language);
  messaging::HtmlMail mail;
  mail.from = {policy.organizer.email, policy.organizer.name.empty() ? ctx.config->school_name : policy.organizer.name};
  mail.to = {{to.email, to.name}};
  // The title is a header: line breaks in a school or person's name must not split it.
  auto subject = letter.title;
  for (auto& c : subject)
    if (c == '\r' || c == '\n') c = ' ';
  mail.subject = subject;
  mail.text = messaging::letter_text(letter);
  mail.html = messaging::letter_html(letter);
  mail.message_id_left = "digest." + day + "." + sdk::fnv1a_hex(to.key);
  mail.date = ctx.now;
  const auto key = digest_key(to.key, day);
  return {key, policy.mailer, "mail.send",
          json{{"idempotency_key", key},
               {"from", policy.organizer.email},
               {"recipients", json::array({to.email})},
               {"message", messaging::build_html_message(mail)}}};
}

}  // namespace lobsync::notices
