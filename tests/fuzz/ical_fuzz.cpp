// The CalDAV plugin's reading of calendar objects a server returns (plugins/caldav): the
// iCalendar reader, and busy_times over it, which reads dates, durations, time zones (TZID and
// VTIMEZONE) and recurrence rules. The input is the iCalendar text.
//
// Invariants: the reader never throws and keeps at most kMaxProblems problems (plus a summary);
// components are nested at most kMaxDepth deep with upper-case names; the document written out
// again reads back to the same components, properties and parameters without a problem; busy
// intervals lie inside the window, are not empty, and come ordered by start.
#include "fuzz_support.hpp"

#include "caldav/busy_times.hpp"
#include "caldav/ical_reader.hpp"

#include <date/tz.h>

namespace {

using namespace caldav::ical;

bool is_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

void check_component(const Component& c, std::size_t depth) {
  fuzz::check(depth <= kMaxDepth, "components nest at most kMaxDepth deep");
  fuzz::check(is_name(c.name), "a component name is upper-case letters, digits and '-'", c.name);
  for (const Property& p : c.properties) {
    fuzz::check(is_name(p.name) && p.name != "BEGIN" && p.name != "END", "a property has a name and is not BEGIN/END", p.name);
    fuzz::check(p.value.size() <= kMaxContentLine, "a value fits in one content line");
    for (const auto& [name, value] : p.params) fuzz::check(is_name(name), "a parameter name is upper case", name);
  }
  for (const Component& child : c.children) check_component(child, depth + 1);
}

// A parameter value as written: each comma-separated piece quoted when it holds ',', ';' or ':'.
std::string parameter_value(std::string_view value) {
  std::string out;
  while (true) {
    const std::size_t comma = value.find(',');
    const std::string_view piece = value.substr(0, comma);
    if (piece.find_first_of(";:") != std::string_view::npos) {
      out += '"' + std::string(piece) + '"';
    } else {
      out += piece;
    }
    if (comma == std::string_view::npos) break;
    out += ',';
    value.remove_prefix(comma + 1);
  }
  return out;
}

void write(const Component& c, std::string& out) {
  out += "BEGIN:" + c.name + "\r\n";
  for (const Property& p : c.properties) {
    out += p.name;
    for (const auto& [name, value] : p.params) out += ";" + name + "=" + parameter_value(value);
    out += ":" + p.value + "\r\n";
  }
  for (const Component& child : c.children) write(child, out);
  out += "END:" + c.name + "\r\n";
}

void check_same(const Component& a, const Component& b) {
  fuzz::check(a.name == b.name, "a component reads back with its name");
  fuzz::check(a.properties.size() == b.properties.size(), "a component reads back with its properties", a.name);
  for (std::size_t i = 0; i < a.properties.size(); ++i) {
    const Property& p = a.properties[i];
    const Property& q = b.properties[i];
    fuzz::check(p.name == q.name && p.value == q.value && p.params == q.params, "a property reads back the same", p.name);
  }
  fuzz::check(a.children.size() == b.children.size(), "a component reads back with its children", a.name);
  for (std::size_t i = 0; i < a.children.size(); ++i) check_same(a.children[i], b.children[i]);
}

Instant at(int y, unsigned m, unsigned d) { return date::sys_days(date::year(y) / m / d); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  const Document doc = parse(text);
  fuzz::check(doc.problems.size() <= kMaxProblems + 1, "problems are capped");
  std::string written;
  for (const Component& c : doc.components) {
    check_component(c, 1);
    write(c, written);
  }
  const Document again = parse(written);
  fuzz::check(again.problems.empty(), "a document written out again reads without problems",
              again.problems.empty() ? "" : again.problems.front());
  fuzz::check(again.components.size() == doc.components.size(), "a document reads back with its components");
  for (std::size_t i = 0; i < doc.components.size(); ++i) check_same(doc.components[i], again.components[i]);
  for (const Component& c : doc.components) {
    for (const Property& p : c.properties) fuzz::check(unescape_text(p.value).size() <= p.value.size(), "unescaping never grows");
  }

  static const date::time_zone* const amsterdam = date::locate_zone("Europe/Amsterdam");
  const Instant from = at(2026, 9, 1), to = at(2027, 4, 1);
  const BusyTimes busy = busy_times(text, from, to, amsterdam);
  for (std::size_t i = 0; i < busy.busy.size(); ++i) {
    const BusyInterval& b = busy.busy[i];
    fuzz::check(from <= b.start && b.start < b.end && b.end <= to, "a busy interval is inside the window and not empty");
    if (i > 0) fuzz::check(busy.busy[i - 1].start <= b.start, "busy intervals come ordered by start");
  }
  return 0;
}
