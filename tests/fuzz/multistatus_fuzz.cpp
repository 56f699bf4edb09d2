// The CalDAV plugin's reading of WebDAV XML answers (plugins/caldav/multistatus.cpp): 207
// Multi-Status bodies of PROPFIND and REPORT, error bodies with preconditions, and status lines.
// The input is the XML body as a server sends it.
//
// Invariants: a body that is not a multistatus document yields an error and no resources; every
// status read is 0 or a three-digit code; has_condition agrees with a plain search for the
// element name (it can only find an element whose name occurs in the text).
#include "fuzz_support.hpp"

#include "caldav/multistatus.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml = fuzz::as_text(data, size);

  const caldav::Multistatus answer = caldav::parse_multistatus(xml);
  if (!answer.error.empty()) fuzz::check(answer.resources.empty(), "an unreadable answer yields no resources");
  for (const auto& resource : answer.resources) {
    fuzz::check(resource.status == 0 || (resource.status >= 100 && resource.status <= 999), "a status is a three-digit code");
  }

  for (std::string_view condition : {"no-uid-conflict", "valid-calendar-data", "multistatus"}) {
    if (caldav::has_condition(xml, condition)) {
      fuzz::check(xml.find(condition) != std::string_view::npos, "a condition is found only when its name is in the text");
    }
  }

  const int status = caldav::status_of_line(xml.substr(0, xml.find('\n')));
  fuzz::check(status >= 0 && status <= 999, "a status line yields 0 or a three-digit code");
  return 0;
}
