#include "messaging/invitation_text.h"

#include "messaging/letter.h"

#include <algorithm>
#include <array>

namespace lobsync::messaging {
namespace {

constexpr std::array kRecipientRoles{"student", "parent", "mentor"};
constexpr std::array kKinds{"new", "update", "cancel"};
constexpr std::array kGuidePhases{"look_back", "reflect", "look_forward", "act"};

template <std::size_t N>
bool one_of(const std::array<const char*, N>& options, std::string_view value) {
  return std::any_of(options.begin(), options.end(), [&](const char* o) { return value == o; });
}

}  // namespace

void check_invitation_facts(const InvitationFacts& f) {
  if (!one_of(kRecipientRoles, f.recipient_role)) throw MessageError("unknown recipient role (student, parent or mentor)");
  if (!one_of(kKinds, f.kind)) throw MessageError("unknown invitation kind (new, update or cancel)");
  if (f.student_name.empty()) throw MessageError("an invitation needs the student's name");
  if (f.mentor_name.empty()) throw MessageError("an invitation needs the mentor's name");
  if (f.link.empty()) return;
  const bool web = f.link.rfind("https://", 0) == 0 || f.link.rfind("http://", 0) == 0;
  // Characters a URI never holds unencoded (RFC 3986); the HTML escapes them anyway.
  const bool clean = std::all_of(f.link.begin(), f.link.end(), [](unsigned char c) {
    return c > 0x20 && c < 0x7f && std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) == std::string_view::npos;
  });
  if (!web || !clean) throw MessageError("the self-service link must be an http(s) URL without spaces or quotes");
}

namespace {

// A subject is one header line: names or titles with line breaks must not split it.
std::string single_line(std::string text) {
  std::replace_if(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }, ' ');
  return text;
}

class Writer {
 public:
  Writer(const Translations& t, const InvitationFacts& f) : t_(t), f_(f), language_(t.resolve(f.language)) {
    const std::string stem = !f.conversation_key.empty()                                     ? f.conversation_key
                             : t.has("conversation." + f.conversation_type + ".title") ? "conversation." + f.conversation_type
                                                                                       : "conversation.default";
    values_ = {{"student", f.student_name},
               {"student_first_name", f.student_first_name.empty() ? f.student_name : f.student_first_name},
               {"mentor", f.mentor_name},
               {"school", f.school_name},
               {"location", f.location},
               {"title", f.title.empty() ? text(stem + ".title") : f.title},
               {"date", format_date_time(t, language_, f.start, f.end, f.time_zone)},
               {"when", format_day_time(t, language_, f.start, f.time_zone)}};
    purpose_ = text(stem + ".purpose");
    if (!f.interpreter.empty()) values_["interpreter"] = interpreter_language_name(t, language_, f.interpreter);
  }

  RenderedText render() const {
    Letter l;
    l.language = language_;
    l.right_to_left = text("meta.direction") == "rtl";
    l.title = single_line(text("invitation.subject." + f_.kind));
    // A guardian organisation is greeted and asked to prepare as one, not as a family at home.
    const auto addressed = f_.organisation && f_.recipient_role == "parent" ? std::string("organisation") : f_.recipient_role;
    l.greeting = text("invitation.greeting." + addressed);
    const bool decaan = f_.lead_is_decaan && f_.recipient_role != "mentor";
    l.paragraphs = {text("invitation." + f_.kind + (decaan ? ".decaan." : ".") + f_.recipient_role), purpose_};
    // The mentor arranges the interpreter the family asked for on the booking page.
    if (f_.recipient_role == "mentor" && !f_.interpreter.empty() && f_.kind != "cancel")
      l.paragraphs.push_back(text("invitation.mentor.interpreter"));
    if (f_.parents_stay_home && f_.kind != "cancel" && f_.recipient_role != "parent")
      l.paragraphs.push_back(text("invitation.without_parents." + f_.recipient_role));
    l.facts = facts();
    const bool still_on = f_.kind != "cancel";
    if (still_on && f_.recipient_role == "parent" && !f_.link.empty()) {
      l.links.push_back({text("invitation.parent.link"), text("invitation.parent.link_label"), f_.link});
    }
    if (still_on && f_.recipient_role != "mentor") l.closing_paragraphs.push_back(text("invitation.prepare." + addressed));
    if (still_on && f_.recipient_role == "mentor") add_guide(l);
    l.signoff = signoff();
    return {l.title, letter_text(l), letter_html(l)};
  }

 private:
  std::string text(const std::string& key) const { return t_.text(language_, key, values_); }

  std::vector<std::pair<std::string, std::string>> facts() const {
    std::vector<std::pair<std::string, std::string>> out{{text("invitation.label.conversation"), values_.at("title")},
                                                         {text("invitation.label.when"), values_.at("date")}};
    if (!f_.career_phase.empty())
      out.emplace(out.begin() + 1, text("invitation.label.career_phase"), text("career_phase." + f_.career_phase));
    if (!f_.location.empty()) out.emplace_back(text("invitation.label.where"), f_.location);
    if (!f_.interpreter.empty()) out.emplace_back(text("invitation.label.interpreter"), values_.at("interpreter"));
    if (f_.recipient_role != "student") out.emplace_back(text("invitation.label.student"), f_.student_name);
    if (f_.recipient_role != "mentor")
      out.emplace_back(text(f_.lead_is_decaan ? "invitation.label.decaan" : "invitation.label.mentor"), f_.mentor_name);
    return out;
  }

  void add_guide(Letter& l) const {
    LetterList phases{text("invitation.mentor.guide_title"), true, {}};
    for (const std::string phase : kGuidePhases) {
      phases.items.emplace_back(text("guide." + phase + ".title"), text("guide." + phase + ".prompt"));
    }
    l.lists.push_back(std::move(phases));
    if (f_.guide.empty()) return;
    LetterList extra{text("invitation.mentor.guide_extra"), false, {}};
    for (const auto& prompt : f_.guide) extra.items.emplace_back("", prompt);
    l.lists.push_back(std::move(extra));
  }

  std::vector<std::string> signoff() const {
    std::vector<std::string> lines{text("invitation.signoff")};
    lines.push_back(f_.recipient_role == "mentor" ? text("invitation.sender") : f_.mentor_name);
    if (!f_.school_name.empty()) lines.push_back(f_.school_name);
    return lines;
  }

  const Translations& t_;
  const InvitationFacts& f_;
  std::string language_;
  Translations::Values values_;
  std::string purpose_;
};

}  // namespace

std::string interpreter_language_name(const Translations& translations, const std::string& language,
                                      const std::string& code) {
  const auto key = "interpreter.language." + code;
  return translations.has(key) ? translations.text(language, key) : code;
}

RenderedText render_invitation(const Translations& translations, const InvitationFacts& facts) {
  check_invitation_facts(facts);
  return Writer(translations, facts).render();
}

}  // namespace lobsync::messaging
