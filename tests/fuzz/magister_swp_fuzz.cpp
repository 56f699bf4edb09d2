// What the Magister plugin reads out of SWP webservice answers (plugins/magister/xml_fields.cpp:
// the Response elements Result, SessionToken, ResultMessage, ExceptionMsg) and out of timetable
// rows (lesson_times.cpp: a lesson's start or end, as a time on a date or a date-time). The
// input is an SWP answer; its first line is also read as a timetable value and its second line
// as the date column.
//
// Invariants: an element is found only when its opening tag is in the text; the decoded text of
// valid UTF-8 is valid UTF-8 (it becomes part of messages and of the CSV that is read next), and
// holds a NUL byte only when the answer did; a lesson time is an instant between 1900 and 2100 (the years a timetable date
// may have) and reading the same row twice gives the same answer.
#include "fuzz_support.hpp"

#include "magister/lesson_times.hpp"
#include "magister/xml_fields.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const bool utf8 = fuzz::valid_utf8(text);

  for (std::string_view name : {"Result", "SessionToken", "ResultMessage", "ExceptionMsg", "Exception"}) {
    const auto value = magister::xml_element_text(text, name);
    if (!value) continue;
    fuzz::check(text.find("<" + std::string(name)) != std::string_view::npos, "an element is found only where it opens");
    if (utf8) {
      fuzz::check(fuzz::valid_utf8(*value), "the text of a valid UTF-8 answer decodes to valid UTF-8", *value);
      if (text.find('\0') == std::string_view::npos) fuzz::check(value->find('\0') == std::string::npos, "entities decode to no NUL byte");
    }
  }

  const std::size_t first_end = std::min(text.find('\n'), text.size());
  const std::string_view value = text.substr(0, first_end);
  const std::string_view rest = text.substr(std::min(first_end + 1, text.size()));
  const std::string_view day = rest.substr(0, rest.find('\n'));
  static const date::time_zone* const amsterdam = date::locate_zone("Europe/Amsterdam");
  const auto instant = magister::lesson_instant(value, day, amsterdam);
  if (const auto* at = std::get_if<lobsync::sdk::UtcSeconds>(&instant)) {
    const auto earliest = date::sys_days(date::year(1899) / 12 / 31), latest = date::sys_days(date::year(2101) / 1 / 2);
    fuzz::check(earliest <= *at && *at <= latest, "a lesson time lies between 1900 and 2100");
    const auto again = magister::lesson_instant(value, day, amsterdam);
    fuzz::check(std::holds_alternative<lobsync::sdk::UtcSeconds>(again) && std::get<lobsync::sdk::UtcSeconds>(again) == *at,
                "a row reads the same twice");
  } else {
    fuzz::check(!std::get<std::string>(instant).empty(), "a refused lesson time says why");
  }
  return 0;
}
