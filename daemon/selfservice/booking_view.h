// What the booking page shows a parent, and its HTML in the parent's language. Pure: the
// handler (booking_handler.h) gathers the facts, this file only arranges and escapes them.
#pragma once

#include "messaging/translations.h"
#include "selfservice/page_frame.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::selfservice {

struct SlotChoice {
  std::int64_t start_unix_s = 0;
  std::string label;  // "dinsdag 1 december 2026, 15:00–15:30"
};

// A language a family may ask an interpreter for: its code and how the page names it.
struct InterpreterChoice {
  std::string code, label;
};

struct BookingView {
  std::string language;  // resolved
  PageFrame school;      // the page header: name, logo, stylesheet
  std::string conversation, student_first_name, mentor_name, when, where;
  std::string career_phase;     // translated ("Verkennen"); empty: no row
  bool lead_is_decaan = false;  // the row names the lead "Decaan", not "Mentor"
  std::string status;  // domain status: planned, confirmed, cancelled, held
  int sequence = 0;
  bool changeable = false;  // active, in the future: the form is shown
  std::vector<SlotChoice> alternatives;
  std::string notice_key;   // translation key of a message above the booking ({when} is filled), or ""
  std::string notice_kind;  // page.h notice(): "success", "warning" or ""
  bool slot_missing = false;  // "choose another time" was sent without a time: the form says so
  // Interpreter (seed 003): the language asked for (named in the page's language), or the form
  // to ask; `interpreter_pending` is a language asked for that did not fit at this time, carried
  // by the move form so the chosen time gets it.
  std::string interpreter, interpreter_pending;
  int interpreter_minutes = 0;
  std::vector<InterpreterChoice> interpreter_choices;
};

std::string render_booking(const messaging::Translations& tr, const BookingView& view);
// The page's interpreter part (interpreter_form.cpp).
std::string interpreter_section(const messaging::Translations& tr, const BookingView& view);
// "Invalid or expired" in Dutch and English: the token may not even say whose language to use.
std::string render_invalid_link(const messaging::Translations& tr, const PageFrame& school);
std::string render_bad_request(const messaging::Translations& tr, const std::string& language, const PageFrame& school);

}  // namespace lobsync::selfservice
