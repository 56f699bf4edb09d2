// Home assignment templates: their texts live in the translation files, so a school adds or
// rewords one without code. A template <id> exists when "assignment.<id>.title" exists;
// "assignment.<id>.steps" holds its steps, one per line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lobsync::messaging {

class Translations;

// The templates the translation files ship (from the LOB guidance for schools and parents).
inline constexpr const char* kShipped[] = {"three_professions_talk", "qualities_together", "professions_around_you"};

struct AssignmentText {
  std::string title;
  std::vector<std::string> steps;
};

bool template_exists(const Translations& translations, std::string_view id);
// The shipped ids the translations define, for error messages.
std::string known_templates(const Translations& translations);
// The template's title and steps in `language` (resolved, falling back to Dutch).
AssignmentText assignment_text(const Translations& translations, std::string_view language,
                               std::string_view id);

}  // namespace lobsync::messaging
