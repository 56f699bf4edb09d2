// The languages a family may ask an interpreter for on the booking page (seed 003: parents who
// read little Dutch). The most spoken home languages of newcomer families in Dutch schools; each
// is shown in its own name, and named in the reader's language by `interpreter.language.<code>`.
#pragma once

#include <string_view>

namespace lobsync::domain {

struct InterpreterLanguage {
  std::string_view code;     // BCP 47
  std::string_view endonym;  // the language's own name
};

inline constexpr InterpreterLanguage kInterpreterLanguages[] = {
    {"ar", "العربية"},   {"bg", "Български"}, {"en", "English"}, {"es", "Español"},
    {"fa", "فارسی / دری"}, {"pl", "Polski"},     {"ro", "Română"},  {"ru", "Русский"},
    {"so", "Soomaali"},  {"ti", "ትግርኛ"},       {"tr", "Türkçe"},  {"uk", "Українська"},
};

inline const InterpreterLanguage* interpreter_language(std::string_view code) {
  for (const auto& l : kInterpreterLanguages)
    if (l.code == code) return &l;
  return nullptr;
}

}  // namespace lobsync::domain
