// Reads iCalendar text (RFC 5545 §3.1) into components and properties, so busy time can be
// computed from what a CalDAV server returns and outgoing objects can be checked before a PUT.
//
// Lenient where servers are sloppy and nothing can go wrong (LF instead of CRLF, tab
// continuations, lower-case names), and never throwing on bad input: each defect becomes a
// problem that names the line, and the defective part is left out. Values stay as written
// (escaped); unescape_text() decodes a TEXT value when one is needed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caldav::ical {

// One unfolded content line may not exceed this; longer ones are skipped (a server answer is
// never legitimately this long per line, while a broken one could be gigabytes of one line).
inline constexpr std::size_t kMaxContentLine = 64 * 1024;
// Components nest VCALENDAR > VEVENT > VALARM, VTIMEZONE > STANDARD; anything deeper is junk.
inline constexpr std::size_t kMaxDepth = 8;
// Problems kept per document; a garbage document would otherwise yield one per line.
inline constexpr std::size_t kMaxProblems = 20;

struct Property {
  std::string name;  // upper case
  // Parameters in order: upper-case name, value with quotes removed (several values stay
  // comma-separated, as written).
  std::vector<std::pair<std::string, std::string>> params;
  std::string value;      // as written, still escaped
  std::size_t line = 0;   // 1-based physical line where the content line starts

  // The first parameter of that (upper-case) name, or null.
  const std::string* param(std::string_view upper_name) const;
};

struct Component {
  std::string name;  // upper case, e.g. "VEVENT"
  std::vector<Property> properties;
  std::vector<Component> children;
  std::size_t line = 0;  // line of its BEGIN

  // The first property of that (upper-case) name, or null.
  const Property* property(std::string_view upper_name) const;
  std::vector<const Property*> all(std::string_view upper_name) const;
};

struct Document {
  std::vector<Component> components;  // the top level; normally one VCALENDAR
  std::vector<std::string> problems;  // "line N: …", at most kMaxProblems plus a summary
};

Document parse(std::string_view text);

// Decodes a TEXT value (RFC 5545 §3.3.11): \\ \; \, \n \N.
std::string unescape_text(std::string_view value);

}  // namespace caldav::ical
