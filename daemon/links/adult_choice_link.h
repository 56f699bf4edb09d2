// What an adult student's choice link names: the student, the conversation type and the school
// year, as "<school year>/<type>/<student key>". The year and the type never hold a '/', so the
// student key (which may) is everything after the second one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lobsync::links {

struct AdultChoiceSubject {
  std::string school_year, type, student;
};

std::string adult_choice_subject(const AdultChoiceSubject& subject);
// nullopt when a part is missing or empty.
std::optional<AdultChoiceSubject> parse_adult_choice_subject(std::string_view subject);

}  // namespace lobsync::links
