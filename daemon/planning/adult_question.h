// The question to a student of 18 or over, before a conversation meant for the parents is
// planned: a mail (in the student's language, "je") with a personal signed link to the page
// where the student chooses to invite the parents or to come alone (selfservice/adult_choice_*).
#pragma once

#include "domain/school.h"
#include "planning/invitations.h"
#include "store/meeting_store.h"

#include <date/date.h>

#include <string>

namespace lobsync::planning {

struct AdultQuestion {
  const domain::Student* student = nullptr;
  const domain::ConversationType* type = nullptr;
  std::string school_year;
  std::string mentor_name;      // who leads it (the first lead), as the mail names them
  date::sys_days until;         // the last day the planner waits for the answer
  Instant link_expires;         // the link works until then (after the school year)
};

// "<public_url>/q/<token>", or "" without public_url or link key.
std::string adult_choice_link(const AdultQuestion& question, const InvitationContext& context);

// The idempotency key of the question: one per student, type and school year.
std::string adult_question_key(const AdultQuestion& question);

// The mail, queued on the policy's mailer. Throws messaging::MessageError when it cannot be
// built (no address, no link, an unusable name).
store::OutboxEntry adult_question_mail(const AdultQuestion& question, const InvitationContext& context);

}  // namespace lobsync::planning
