// What the home assignment page shows a student or parent, and its HTML in their language.
// Pure: the handler (assignment_handler.h) gathers the facts, this file arranges and escapes.
#pragma once

#include "messaging/translations.h"
#include "selfservice/page_frame.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::selfservice {

struct AssignmentView {
  std::string language;  // resolved
  PageFrame school;      // the page header: name, logo, stylesheet
  std::string title, student_first_name, when;
  std::vector<std::string> steps;
  bool done = false;
  std::string answer;          // shown in the form (the stored one, or what was just sent)
  std::string answer_error;    // why the answer was refused (already in the language), or ""
  std::size_t max_answer_chars = 0;
};

std::string render_assignment(const messaging::Translations& tr, const AssignmentView& view);
// The page after a successful POST, with a link back to the assignment; thanked as the reader's
// role ("parent" or "student") is addressed.
std::string render_assignment_thanks(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                     std::string_view reader_role);
// A page with the assignment title as heading and one message (cancelled, bad request, too big).
std::string render_assignment_message(const messaging::Translations& tr, const std::string& language,
                                      const PageFrame& school, const std::string& message);

}  // namespace lobsync::selfservice
