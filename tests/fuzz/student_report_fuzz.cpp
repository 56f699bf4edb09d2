// The student's own report as posted on /s/{token} (daemon/records/student_report_rules.cpp):
// parse_form, then report_input, check_report and filled_activities, as the page handler runs
// them. Input: the form body.
//
// Invariants: a report check_report accepts has a reflection that is not blank, within
// kMaxReflectionChars characters, valid UTF-8; at most kMaxActivities filled activities, each
// non-empty, trimmed, within kMaxActivityChars, one line; and it turns into JSON (as the store
// keeps it) without an exception.
#include "fuzz_support.hpp"

#include "http/form.h"
#include "records/student_report_rules.h"

#include <lobsync/text_encoding.hpp>
#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lobsync::records;
  const auto form = lobsync::http::parse_form(fuzz::as_text(data, size));
  if (!form) return 0;
  const auto input = report_input(*form);
  fuzz::check(input.activities.size() == kMaxActivities, "one value per activity row");
  if (!check_report(input).empty()) return 0;
  fuzz::check(input.reflection.find_first_not_of(" \t\r\n") != std::string::npos, "an accepted reflection is not blank");
  fuzz::check(characters(input.reflection) <= kMaxReflectionChars, "an accepted reflection is within its limit");
  fuzz::check(lobsync::sdk::detail::first_invalid_utf8(input.reflection) == std::string_view::npos, "accepted text is UTF-8");
  const auto activities = filled_activities(input);
  fuzz::check(activities.size() <= kMaxActivities, "at most the rows there are");
  for (const auto& a : activities) {
    fuzz::check(!a.empty() && a.front() != ' ' && a.back() != ' ', "a filled activity is trimmed and not empty", a);
    fuzz::check(characters(a) <= kMaxActivityChars, "an accepted activity is within its limit", a);
    fuzz::check(a.find('\n') == std::string::npos, "an activity is one line", a);
  }
  const auto stored = nlohmann::json{{"reflection", input.reflection}, {"activities", activities}}.dump();
  fuzz::check(!stored.empty(), "an accepted report becomes JSON");
  return 0;
}
