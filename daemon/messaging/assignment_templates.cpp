#include "messaging/assignment_templates.h"

#include "messaging/translations.h"

namespace lobsync::messaging {
namespace {

constexpr std::string_view kPrefix = "assignment.";
constexpr std::string_view kTitle = ".title";

std::string key(std::string_view id, std::string_view part) {
  return std::string(kPrefix) + std::string(id) + std::string(part);
}

}  // namespace

bool template_exists(const Translations& translations, std::string_view id) {
  // A dot in the id would reach other keys ("assignment.notice.heading" is no template).
  return !id.empty() && id.find('.') == std::string_view::npos && translations.has(key(id, kTitle));
}

std::string known_templates(const Translations& translations) {
  // The translations cannot list their keys: name the shipped ids and how to add one.
  std::string out;
  for (const auto* id : kShipped)
    if (template_exists(translations, id)) out += (out.empty() ? "" : ", ") + std::string(id);
  return out + "; another needs the translation key assignment.<id>.title";
}

AssignmentText assignment_text(const Translations& translations, std::string_view language,
                               std::string_view id) {
  AssignmentText text;
  text.title = translations.text(language, key(id, kTitle));
  const auto steps = translations.text(language, key(id, ".steps"));
  std::size_t from = 0;
  while (from <= steps.size()) {
    auto to = steps.find('\n', from);
    if (to == std::string::npos) to = steps.size();
    if (to > from) text.steps.push_back(steps.substr(from, to - from));
    from = to + 1;
  }
  return text;
}

}  // namespace lobsync::messaging
