// The words of an invitation, its update and its cancellation, for the student, a parent and the
// mentor, in the recipient's language. The texts live in the translation files
// (invitation.*, conversation.<type>.*, guide.*); this file only chooses and arranges them.
#pragma once

#include "core/clock.h"
#include "messaging/message_error.h"
#include "messaging/translations.h"

#include <string>
#include <vector>

namespace lobsync::messaging {

struct InvitationFacts {
  std::string language;           // recipient's language (resolved by Translations)
  std::string recipient_role;     // "student" | "parent" | "mentor"
  std::string kind;               // "new" | "update" | "cancel"
  std::string conversation_type;  // e.g. "individual", "parents", "introduction", "profile_choice",
                                  // "internship", "follow_up_education", "closing"
  std::string conversation_key;   // the texts' stem, e.g. "conversation.parents.without_parents"
                                  // (planning/conversation_title.h); empty: from conversation_type
  std::string title;              // optional override of the type's translated title
  bool organisation = false;      // a parent-role recipient that is a guardian organisation:
                                  // addressed as one ("invitation.*.organisation" texts)
  bool parents_stay_home = false; // a conversation meant for the parents held without them (a
                                  // student of 18 or over comes alone): the student's and the
                                  // mentor's texts say so ("invitation.without_parents.*")
  bool lead_is_decaan = false;    // the student's decaan leads, not a mentor: the family's texts
                                  // name them so ("invitation.*.decaan.*", "invitation.label.decaan")
  std::string career_phase;        // "orienteren" … "beslissen" (domain/career_phase.h); empty: none shown
  std::string interpreter;         // language code of the interpreter the family asked for; empty: none
  std::string student_name, mentor_name, school_name, location;
  std::string student_first_name;  // the student is greeted by it; empty: the whole name
  Instant start, end;
  std::string time_zone = "Europe/Amsterdam";
  std::string link;                // signed self-service link for parents; may be empty
  std::vector<std::string> guide;  // conversation-guide prompts (mentor copy); may be empty
};

struct RenderedText {
  std::string subject, text, html;
};

// An interpreter language's name in `language` ("Arabisch" for "ar"); a code without a name as it is.
std::string interpreter_language_name(const Translations& translations, const std::string& language,
                                      const std::string& code);

// Throws MessageError for an unknown role or kind, an empty student or mentor name, a link that
// is not an http(s) URL, or an unknown time zone. An unknown conversation type gets the general
// title and purpose (conversation.default.*). The mentor's copy of a new or changed meeting holds
// the four phases of a career conversation and, after them, the prompts in `guide`.
RenderedText render_invitation(const Translations& translations, const InvitationFacts& facts);

// The checks of render_invitation alone (role, kind, names, link), for texts rendered later.
void check_invitation_facts(const InvitationFacts& facts);

}  // namespace lobsync::messaging
