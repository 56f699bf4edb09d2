// An adult student's own choice, per conversation with parents and school year, whether the
// parents are invited (AVG: a student of 18 or over decides what is shared with the parents).
// One row per (student, type, school year): when the question was put to the student (so it
// is put once) and the answer, which the student may change until the meeting.
#pragma once

#include "core/clock.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace lobsync::store {

enum class AdultAnswer { parents, alone };
inline const char* adult_answer_name(AdultAnswer answer) { return answer == AdultAnswer::parents ? "parents" : "alone"; }

struct AdultChoice {
  std::string student, type, school_year;
  std::optional<Instant> asked_at;      // the question was queued for the student
  std::optional<AdultAnswer> answer;    // nullopt: no answer yet
  std::optional<Instant> answered_at;   // the latest answer
};

class AdultChoiceStore {
 public:
  virtual ~AdultChoiceStore() = default;

  // Every choice of a school year, by (student, type).
  virtual std::map<std::pair<std::string, std::string>, AdultChoice> adult_choices(std::string_view school_year) = 0;
  virtual std::optional<AdultChoice> adult_choice(std::string_view student, std::string_view type,
                                                  std::string_view school_year) = 0;
  // Notes that the question was put; false (changing nothing) when it had been already.
  virtual bool mark_asked(std::string_view student, std::string_view type, std::string_view school_year, Instant now) = 0;
  // Keeps the student's answer (a later answer replaces it).
  virtual void answer(std::string_view student, std::string_view type, std::string_view school_year, AdultAnswer answer,
                      Instant now) = 0;
};

}  // namespace lobsync::store
