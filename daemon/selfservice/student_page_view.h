// What the student's own page (/s/{token}) shows, and its HTML in the student's language. Pure:
// student_page.cpp gathers the facts; this file arranges and escapes them. Per conversation:
// when it was, a link to the mentor's record (when written), the student's latest report with
// the parents' signature of it, and the form to write or edit the report while it may be.
#pragma once

#include "messaging/translations.h"
#include "records/student_report_rules.h"
#include "selfservice/page_frame.h"

#include <string>
#include <vector>

namespace lobsync::selfservice {

struct StudentConversation {
  std::string meeting_id, conversation, when;
  std::string record_link;  // the mentor's record page for the student, or ""
  bool can_write = false;   // the report window is open
  int version = 0;          // the latest report version, 0 while none
  std::string written_on;   // of that version
  std::string reflection;
  std::vector<std::string> activities;
  std::vector<std::string> signed_by;  // "Name, date" of the parents who signed that version
  // The form's content: the latest version, or what was typed when it was refused.
  records::ReportInput form;
  std::vector<records::ReportProblem> problems;  // of a refused post of this conversation
  std::string notice_key;                        // above this conversation, or ""
  std::string notice_kind;                       // page.h notice()
};

struct StudentPageView {
  std::string language;  // resolved
  PageFrame school;
  std::string student_first_name;
  std::vector<StudentConversation> conversations;  // by start
};

std::string render_student_page(const messaging::Translations& tr, const StudentPageView& view);

}  // namespace lobsync::selfservice
