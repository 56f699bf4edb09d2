// What the record sign-off page (/r/{token}) shows a parent or an adult student, and its HTML in
// the reader's language. Pure: record_page.cpp gathers the facts; this file arranges and
// escapes them. The record's own text is shown as the mentor wrote it (escaped, line breaks kept).
#pragma once

#include "messaging/translations.h"
#include "selfservice/page_frame.h"
#include "selfservice/record_page_report.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::selfservice {

struct RecordPageView {
  std::string language;  // resolved
  PageFrame school;      // the page header: name, logo, stylesheet
  std::string conversation, student_first_name, when, mentor_name;
  int version = 0;
  std::string written_on;
  nlohmann::json body;  // the latest version as the mentor submitted it
  std::vector<std::string> attended;  // "Leerling (Emre Özdemir)"
  struct Signature {
    std::string name, date;
  };
  std::vector<Signature> signatures;  // of the shown version
  struct View {
    std::string name, date, text;
  };
  std::vector<View> parent_views;  // of the shown version
  bool views_by_organisation = false;  // every view is a guardian organisation's: not "ouders"
  std::string reader_role;         // "parent" or "student"
  std::string reader_signed_on;    // when the reader signed the shown version, else ""
  bool can_sign = false, can_give_view = false, can_share = false;
  bool shared = false;  // for can_share: the current choice
  std::string notice_key;                 // a message above the record, or ""
  std::string notice_kind;                // page.h notice(): "success", "warning" or ""
  std::string error_key;                  // a message at the view form (422), or ""
  std::string view_text;                  // the textarea's content after an error
  std::optional<ReportSection> report;    // the student's own report of the meeting, if written
};

std::string render_record_page(const messaging::Translations& tr, const RecordPageView& view);
// For a parent while an adult student has not shared the record.
std::string render_record_withheld(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                   const std::string& student_first_name);

}  // namespace lobsync::selfservice
