// The reader of /appointments answers on its own (plugins/zermelo/appointments.cpp): what makes a
// teacher busy, and the edges of numbers and types a fake server would never send.
#include "zermelo/appointments.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

std::string answer(json data, json extra = json::object()) {
  json response{{"status", 200}, {"message", ""}, {"startRow", 0}, {"endRow", data.size()}, {"totalRows", data.size()}, {"data", data}};
  response.update(extra);
  return json{{"response", response}}.dump();
}

json lesson(json fields = json::object()) {
  json a{{"id", 1}, {"start", 1793259000}, {"end", 1793262000}, {"type", "lesson"}, {"teachers", {"JAN"}},
         {"valid", true}, {"cancelled", false}};
  a.update(fields);
  return a;
}

const std::vector<std::string> kFree{"choice"};

TEST(ZermeloAppointments, ValidNotCancelledAppointmentsOfBusyTypesAreBusy) {
  const auto read = zermelo::read_appointments(
      answer({lesson(), lesson({{"id", 2}, {"valid", false}}), lesson({{"id", 3}, {"cancelled", true}}),
              lesson({{"id", 4}, {"type", "Choice"}}), lesson({{"id", 5}, {"type", "exam"}}),
              lesson({{"id", 6}, {"type", "a-type-added-later"}}), lesson({{"id", 7}, {"type", nullptr}})}),
      kFree);
  EXPECT_TRUE(read.error.empty()) << read.error;
  EXPECT_TRUE(read.problems.empty());
  EXPECT_EQ(read.busy.size(), 4u) << "lesson, exam, an unknown type and no type are busy; choice is free";
  ASSERT_TRUE(read.busy[0].teachers.has_value());
  EXPECT_EQ(*read.busy[0].teachers, std::vector<std::string>{"jan"}) << "codes are compared in lower case";
}

TEST(ZermeloAppointments, AbsentFlagsAndTeachersAreTheServersFilter) {
  json a = lesson();
  a.erase("valid");
  a.erase("cancelled");
  a.erase("teachers");
  const auto read = zermelo::read_appointments(answer({a, lesson({{"teachers", {1, "vri", nullptr}}})}), kFree);
  ASSERT_EQ(read.busy.size(), 2u);
  EXPECT_FALSE(read.busy[0].teachers.has_value());
  EXPECT_EQ(*read.busy[1].teachers, std::vector<std::string>{"vri"});
}

TEST(ZermeloAppointments, NumbersOutsideTheTimetableAreProblems) {
  const auto read = zermelo::read_appointments(
      answer({lesson({{"start", 18446744073709551615ULL}}), lesson({{"start", 1.793259e9}}),
              lesson({{"end", 4102444800LL}}), lesson({{"start", 946684799}}), lesson({{"start", true}})}),
      kFree);
  EXPECT_TRUE(read.busy.empty());
  ASSERT_EQ(read.problems.size(), 5u);
  EXPECT_EQ(read.problems[0], "appointment 1: start is out of range (18446744073709551615); skipped");
  EXPECT_EQ(read.problems[1], "appointment 1: start is not a Unix time in seconds; skipped");
  EXPECT_EQ(read.problems[2], "appointment 1: end is out of range (4102444800); skipped");
  EXPECT_EQ(read.problems[3], "appointment 1: start is out of range (946684799); skipped");
}

TEST(ZermeloAppointments, AWholeAnswerThatCannotBeTrustedIsAnError) {
  EXPECT_EQ(zermelo::read_appointments("", kFree).error, "the answer is not JSON (0 bytes)");
  EXPECT_EQ(zermelo::read_appointments("[]", kFree).error, "the answer is not Zermelo's envelope {\"response\":{…}}");
  EXPECT_EQ(zermelo::read_appointments(answer({lesson()}, {{"totalRows", 3}}), kFree).error,
            "the answer holds 1 of 3 appointments (cut off); lower days_per_request");
  EXPECT_EQ(zermelo::read_appointments(answer(json::array(), {{"status", 403}, {"message", "Access denied"}}), kFree).error,
            "the envelope says status 403: Access denied");
  EXPECT_TRUE(zermelo::read_appointments(answer(json::array(), {{"totalRows", "many"}}), kFree).error.empty());
}

TEST(ZermeloAppointments, EnvelopeMessagesAreOneShortLine) {
  const std::string long_message(500, 'x');
  const auto text = zermelo::envelope_message(json{{"response", {{"message", "line\none\r" + long_message}}}}.dump());
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_LT(text.size(), 210u);
  EXPECT_EQ(zermelo::envelope_message("not json"), "");
  // Cut at 200 bytes, never inside a character (ë is two bytes; 199 x's put one across the cut).
  std::string umlauts = std::string(199, 'x');
  for (int i = 0; i < 10; ++i) umlauts += "ë";
  const auto cut = zermelo::envelope_message(json{{"response", {{"message", umlauts}}}}.dump());
  EXPECT_EQ(cut, std::string(199, 'x') + "…");
  EXPECT_NO_THROW((void)json(cut).dump());
}

}  // namespace
