#include "links/adult_choice_link.h"

namespace lobsync::links {

std::string adult_choice_subject(const AdultChoiceSubject& s) { return s.school_year + "/" + s.type + "/" + s.student; }

std::optional<AdultChoiceSubject> parse_adult_choice_subject(std::string_view subject) {
  const auto first = subject.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = subject.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  AdultChoiceSubject out{std::string(subject.substr(0, first)), std::string(subject.substr(first + 1, second - first - 1)),
                         std::string(subject.substr(second + 1))};
  if (out.school_year.empty() || out.type.empty() || out.student.empty()) return std::nullopt;
  return out;
}

}  // namespace lobsync::links
