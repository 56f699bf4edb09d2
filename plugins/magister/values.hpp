// Magister's field values turned into roster values. Each parser returns nullopt for a value it
// cannot read, so the caller can report a problem and drop just that value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace magister {

// "dd-mm-yyyy" or "yyyy-mm-dd" (also with '/' or '.'), a real calendar date → "yyyy-mm-dd".
// The SWP's geb_datum_str format is not documented, hence both orders.
std::optional<std::string> parse_date(std::string_view text);

// The Studie text ("havo 4", "vwo/atheneum 3", "vmbo-tl 2", "KB2") → a roster level; "other"
// when no level word is found. See README.md for the words.
std::string parse_level(std::string_view studie);

// Leerjaar 1–6.
std::optional<int> parse_year(std::string_view text);

// ja/nee, j/n, true/false, waar/onwaar, yes/no, 1/0.
std::optional<bool> parse_bool(std::string_view text);

// Mentor role: 1/eerste/first → "first", 2/tweede/second → "second".
std::optional<std::string> parse_role(std::string_view text);

// A whole number >= 1.
std::optional<int> parse_positive(std::string_view text);

}  // namespace magister
