// Text of mixed direction: a Latin name, an e-mail address, a date or a URL inside an Arabic
// sentence (or an Arabic name inside a Dutch one) must not reorder the punctuation and words
// around it. Translations::text wraps each value it fills into a right-to-left language's text
// in Unicode isolates (FSI … PDI, UAX #9), which plain text (a mail's text part, a calendar
// DESCRIPTION) keeps; html_text turns each matched pair into <bdi>…</bdi>, HTML's own isolate.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::messaging {

inline constexpr std::string_view kFirstStrongIsolate = "\u2068";     // FSI: direction from its first letter
inline constexpr std::string_view kPopDirectionalIsolate = "\u2069";  // PDI: ends the isolate

// `value` between FSI and PDI, without isolate characters of its own (LRI, RLI, FSI, PDI), so
// the isolate ends exactly where the value does; empty (or only such characters) stays empty.
std::string isolated(std::string_view value);

// html_escape for element content (never an attribute value or <title>): FSI … PDI pairs become
// <bdi> … </bdi>; an isolate character without its partner (typed by someone) is kept as it is.
std::string html_text(std::string_view text);

}  // namespace lobsync::messaging
