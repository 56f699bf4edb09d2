// The zermelo plugin's reading of a /api/v3/appointments answer (plugins/zermelo/appointments.cpp
// read_appointments and envelope_message), the answer busy.read gets per teacher and part of
// the window. The input is the answer's body; "choice" is the free type, as by default.
//
// Invariants: nothing throws; an unusable answer yields an error and nothing else; otherwise
// every busy appointment starts in 2000-2100 and ends after it starts, teacher codes are lower
// case, busy appointments and problems together are at most the answer's rows, and every
// message is one line of valid UTF-8 (it is emitted as JSON) that says what it is about.
#include "fuzz_support.hpp"

#include "zermelo/appointments.hpp"

namespace {

void check_message(const std::string& text, const char* what) {
  fuzz::check(!text.empty(), what, "empty");
  for (unsigned char c : text) fuzz::check(c >= 0x20, "messages are one line", text);
  try {
    (void)nlohmann::json(text).dump();
  } catch (const nlohmann::json::exception&) {
    fuzz::fail("messages are valid UTF-8", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> free_types{"choice"};
  const std::string_view body = fuzz::as_text(data, size);
  const auto answer = zermelo::read_appointments(body, free_types);
  if (!answer.error.empty()) {
    fuzz::check(answer.busy.empty() && answer.problems.empty(), "an unusable answer yields nothing else", answer.error);
    check_message(answer.error, "an error says why");
  } else {
    const auto doc = nlohmann::json::parse(body, nullptr, false);
    const std::size_t rows = doc["response"]["data"].size();
    fuzz::check(answer.busy.size() + answer.problems.size() <= rows, "at most one outcome per row");
    for (const auto& a : answer.busy) {
      const auto start = a.start.time_since_epoch().count();
      fuzz::check(start >= zermelo::kEarliestUnix && start < zermelo::kLatestUnix, "busy starts in 2000-2100");
      fuzz::check(a.start < a.end, "busy ends after it starts");
      if (a.teachers) {
        for (const auto& t : *a.teachers) {
          for (char c : t) fuzz::check(c < 'A' || c > 'Z', "teacher codes are lower case", t);
        }
      }
    }
    for (const auto& p : answer.problems) {
      check_message(p, "a problem says what");
      fuzz::check(p.starts_with("appointment "), "a problem names the appointment", p);
    }
  }
  const std::string message = zermelo::envelope_message(body);
  if (!message.empty()) check_message(message, "the envelope's message");
  fuzz::check(message.size() <= 200 + std::string_view("…").size(), "the envelope's message is short", message);
  return 0;
}
