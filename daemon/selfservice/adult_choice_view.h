// What the page of an adult student's choice shows (invite the parents, or come alone) and its
// HTML in the student's language. Pure: the handler (adult_choice_handler.h) gathers the facts.
#pragma once

#include "messaging/translations.h"
#include "selfservice/page_frame.h"

#include <string>

namespace lobsync::selfservice {

struct AdultChoiceView {
  std::string language;      // resolved
  PageFrame school;
  std::string conversation;  // the type's title as it is with the parents
  std::string answer;        // "parents", "alone" or "" (none yet)
  std::string until;         // the last day the planner waits, in the language's words
  bool changeable = true;    // false: the meeting is confirmed, held or past
  std::string notice_key, notice_kind;  // a message above the page ("adult_choice.notice.saved")
};

std::string render_adult_choice(const messaging::Translations& tr, const AdultChoiceView& view);
// A page with one message under the page's title (the conversation is no longer planned).
std::string render_adult_choice_message(const messaging::Translations& tr, const std::string& language,
                                        const PageFrame& school, const std::string& key);

}  // namespace lobsync::selfservice
