#include "app/language_choice.h"

#include "app/services.h"
#include "core/log.h"
#include "messaging/translations.h"
#include "store/store.h"

#include <algorithm>

namespace lobsync::app {

namespace {

bool shipped(std::string_view language) {
  const auto languages = messaging::shipped_translations().languages();
  return std::find(languages.begin(), languages.end(), language) != languages.end();
}

void keep_choice(Services& services, const std::vector<std::string>& people, std::string_view role,
                 std::string_view subject, std::string_view language) {
  auto& store = services.store();
  const auto now = services.clock().now();
  store.roster().choose_language(people, language, now);
  const auto meetings = store.meetings().set_participant_language(people, language, now);
  try {
    // Who (by role) and what, never the people's names.
    store.audit(role, "language.chosen", subject,
                {{"language", language}, {"people", people.size()}, {"meetings", meetings}}, now);
  } catch (const std::exception& e) {
    log::error("audit entry language.chosen not written: {}", e.what());
  }
}

}  // namespace

bool choose_language(Services& services, const domain::Meeting& meeting, const domain::Participant& reader,
                     std::string_view language) {
  if (!shipped(language)) return false;
  std::vector<std::string> people{reader.key};
  if (reader.role == "parent") {
    for (const auto& p : meeting.participants)
      if (p.role == "parent" && p.key != reader.key) people.push_back(p.key);
  }
  keep_choice(services, people, reader.role, "meeting:" + meeting.id, language);
  return true;
}

bool choose_own_language(Services& services, const domain::Participant& student, std::string_view subject,
                         std::string_view language) {
  if (!shipped(language)) return false;
  keep_choice(services, {student.key}, student.role, subject, language);
  return true;
}

}  // namespace lobsync::app
