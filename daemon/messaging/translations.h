// Texts for parents, students and mentors in their own language. Each language is one flat JSON
// file <lang>.json (key → text with {placeholders}); Dutch is the default and the reference every
// other file is checked against. Adding a language needs no code: weekday and month names come
// from the files too. See translations/README.md.
#pragma once

#include "core/clock.h"

#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::messaging {

class TranslationError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

class Translations {
 public:
  using Values = std::map<std::string, std::string, std::less<>>;

  // Reads every <lang>.json in the folder (flat object key → string with {placeholders}).
  // Throws TranslationError naming the file and line/key for invalid JSON, non-string values,
  // a key given twice, a file name that is not a language code, a missing default language,
  // or a key whose placeholders differ from the default language's.
  static Translations load(const std::filesystem::path& folder, std::string default_language = "nl");

  std::vector<std::string> languages() const;
  const std::string& default_language() const { return default_language_; }
  // "nl-BE" → "nl", "EN" → "en", "pt_BR" → "pt-br" if shipped else "pt"; unknown or empty →
  // the default language.
  std::string resolve(std::string_view language) const;
  // The text in `language` (resolved), falling back to the default language, then to the key
  // itself; {name} replaced by values[name] verbatim (values are never re-interpreted). A
  // placeholder without a value stays as written. In a right-to-left language each value is
  // wrapped in Unicode isolates (bidi_text.h), except in the date.* patterns.
  std::string text(std::string_view language, std::string_view key, const Values& values = {}) const;
  // Whether the default language has the key.
  bool has(std::string_view key) const;
  // Keys the default language has and this language lacks (for `lobsync` checks and tests).
  std::vector<std::string> missing(std::string_view language) const;
  // Keys this language has and the default language lacks (stale or misspelt; never shown).
  std::vector<std::string> unknown(std::string_view language) const;

 private:
  using Texts = std::map<std::string, std::string, std::less<>>;
  const Texts& texts_of(std::string_view resolved) const;

  std::string default_language_;
  std::map<std::string, Texts, std::less<>> languages_;
};

// The {placeholder} names in a text, sorted and unique. A placeholder is '{' + letters, digits
// or '_' + '}'; other braces are literal text.
std::vector<std::string> placeholders(std::string_view text);

// The shipped translation files (default_translations_dir()), read once on first use; throws
// TranslationError when they are missing or broken.
const Translations& shipped_translations();

// Where the shipped translation files are: <exe dir>/../share/lobsync/translations (installed),
// else <exe dir>/share/lobsync/translations (build tree), else the compiled-in install path.
std::filesystem::path default_translations_dir();
// The same search from a given executable folder (testable).
std::filesystem::path find_translations_dir(const std::filesystem::path& exe_dir);

// "dinsdag 1 december 2026, 15:00–15:30" in the zone's local time; an end on another day is
// written in full. Throws MessageError for an unknown zone.
std::string format_date_time(const Translations& translations, std::string_view language, Instant start, Instant end,
                             std::string_view time_zone);
// "dinsdag 1 december, 15:00": short, for a subject line.
std::string format_day_time(const Translations& translations, std::string_view language, Instant start,
                            std::string_view time_zone);

// "woensdag 2 december 2026, 17:19": one moment in full, for what stays on record (a record's
// version, its signatures and views), where the year matters when it is read later.
std::string format_moment(const Translations& translations, std::string_view language, Instant at,
                          std::string_view time_zone);
// "vrijdag 15 januari 2027" for a calendar date "2027-01-15" (a day, not an instant: no zone);
// text that is not a real YYYY-MM-DD date is returned as it is.
std::string format_date(const Translations& translations, std::string_view language, std::string_view iso_date);

// & < > " ' as character references: safe in HTML text and in quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace lobsync::messaging
