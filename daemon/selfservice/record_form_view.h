// The mentor's record form page (no scripts), its confirmation and its messages, in the
// mentor's language. Pure: the handler (record_form_handler.h) gathers the facts.
#pragma once

#include "messaging/translations.h"
#include "selfservice/page_frame.h"
#include "selfservice/record_form_fields.h"

#include <map>
#include <string>
#include <string_view>

namespace lobsync::selfservice {

struct RecordFormView {
  std::string language;  // resolved
  PageFrame school;      // the page header: name, logo, stylesheet
  std::string student_name, when;
  std::string career_phase;  // translated ("Verkennen"); empty: not shown
  RecordFormValues values;
  std::map<std::string, std::string> errors;  // form name → message (record_form_fields.h)
  int prefilled_version = 0;                  // 0: nothing stored yet
  std::string status;                         // the meeting's: planned, confirmed, held, missed
  std::string notice_key;                     // what the last attendance mark did (a success notice), or ""
};

std::string render_record_form(const messaging::Translations& tr, const RecordFormView& view);
// After a successful POST, with a link back to the form (prefilled with what was saved).
std::string render_record_saved(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                int version);
std::string render_record_message(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                  const std::string& key);

}  // namespace lobsync::selfservice
