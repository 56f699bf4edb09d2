// What a conversation is called for its reader, in one place for invitations, reminders, pages
// and the dossier: the school's own title for the type (config planning.types.<id>.title) in the
// reader's language, else the shipped translation. A type meant for the parents that is held
// without them (a student of 18 or over decides for themselves) is named for who actually comes,
// where the translations have such a name ("conversation.<type>.without_parents.*").
#pragma once

#include "domain/meeting.h"
#include "domain/policy.h"
#include "messaging/translations.h"

#include <string>
#include <string_view>

namespace lobsync::planning {

// The translation keys' stem for the meeting: "conversation.<type>", its ".without_parents"
// variant, or "conversation.default" for a type the translations do not know.
std::string conversation_key(const messaging::Translations& tr, const domain::Policy& policy, const domain::Meeting& m);

std::string conversation_title(const messaging::Translations& tr, std::string_view language, const domain::Policy& policy,
                               const domain::Meeting& m);

}  // namespace lobsync::planning
