#include "app/language_choice.h"

#include "app/services.h"
#include "core/log.h"
#include "messaging/translations.h"
#include "store/store.h"

#include <algorithm>

namespace lobsync::app {

bool choose_language(Services& services, const domain::Meeting& meeting, const domain::Participant& reader,
                     std::string_view language) {
  const auto shipped = messaging::shipped_translations().languages();
  if (std::find(shipped.begin(), shipped.end(), language) == shipped.end()) return false;
  std::vector<std::string> people{reader.key};
  if (reader.role == "parent") {
    for (const auto& p : meeting.participants)
      if (p.role == "parent" && p.key != reader.key) people.push_back(p.key);
  }
  auto& store = services.store();
  const auto now = services.clock().now();
  store.roster().choose_language(people, language, now);
  const auto meetings = store.meetings().set_participant_language(people, language, now);
  try {
    // Who (by role) and what, never the people's names.
    store.audit(reader.role, "language.chosen", "meeting:" + meeting.id,
                {{"language", language}, {"people", people.size()}, {"meetings", meetings}}, now);
  } catch (const std::exception& e) {
    log::error("audit entry language.chosen not written: {}", e.what());
  }
  return true;
}

}  // namespace lobsync::app
