// The Somtoday plugin's reading of a lesgroep's rooster week (plugins/somtoday/lessons.cpp
// lessons_of_week), the answer busy.read gets per lesgroep and week. The input is the JSON answer,
// read for week 44 of 2026 and two teachers of whom one is asked about.
//
// Invariants: only lobsync::sdk::Error escapes (the answer's shape is wrong); lessons are only of
// people asked about and end after they start; an answer for another week yields no lessons;
// every problem names a person asked about.
#include "fuzz_support.hpp"

#include "somtoday/lessons.hpp"

#include <set>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto doc = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
  if (doc.is_discarded()) return 0;
  static const std::set<std::string> wanted{"1e2feb89-414c-443c-9027-c4d1c386bbc4", "78e51061-7311-48a3-82ce-6f447ed4d57b"};
  static const std::set<std::string> teachers{"1e2feb89-414c-443c-9027-c4d1c386bbc4"};
  static const std::vector<std::string> cancelled{"VERVALLEN", "Geannuleerd"};
  const somtoday::IsoWeek week{44, "2026-10-26"};
  try {
    const auto lessons = somtoday::lessons_of_week(doc, week, {wanted, teachers, cancelled}, "lesgroep x week 44");
    if (!lessons.wrong_week.empty()) fuzz::check(lessons.lessons.empty() && lessons.problems.empty(), "another week yields nothing");
    for (const auto& lesson : lessons.lessons) {
      fuzz::check(wanted.contains(lesson.medewerker), "lessons only of people asked about", lesson.medewerker);
      fuzz::check(lesson.start < lesson.end, "a lesson ends after it starts");
    }
    for (const auto& [person, message] : lessons.problems) {
      fuzz::check(wanted.contains(person) && !message.empty(), "a problem names a person asked about and says what", message);
    }
  } catch (const lobsync::sdk::Error& e) {
    fuzz::check(std::string_view(e.what()).starts_with("lesgroep x week 44: "), "a shape error names the request", e.what());
  }
  return 0;
}
