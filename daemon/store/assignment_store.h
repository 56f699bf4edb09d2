// Home assignments as students and parents report them: per meeting whether it is done, who
// marked it done first and when, and the short answer for the mentor (the latest one wins).
// A meeting without a row is open.
#pragma once

#include "core/clock.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::store {

inline constexpr std::size_t kMaxAssignmentAnswerChars = 1000;

struct AssignmentState {
  std::string meeting;
  std::string template_id;   // the template shown when it was marked done
  bool done = false;
  Instant done_at;           // the first time it was marked done
  std::string done_by;       // participant key of who marked it done first
  std::string done_by_role;  // "student" or "parent"
  std::string answer;        // the latest answer, may be empty
  std::string answer_by_role;
  Instant updated_at;
};

class AssignmentStore {
 public:
  virtual ~AssignmentStore() = default;

  // nullopt: nobody has marked the meeting's assignment done.
  virtual std::optional<AssignmentState> assignment(std::string_view meeting) = 0;
  // Marks it done by this participant: the first done_at/done_by stay, the answer is replaced
  // (a later visit may improve it), and the participant counts as having responded.
  virtual AssignmentState mark_done(std::string_view meeting, std::string_view template_id, std::string_view participant,
                                    std::string_view role, std::string_view answer, Instant now) = 0;
  // Whether this participant marked the meeting's assignment done (or answered it) themselves.
  virtual bool responded(std::string_view meeting, std::string_view participant) = 0;
};

}  // namespace lobsync::store
