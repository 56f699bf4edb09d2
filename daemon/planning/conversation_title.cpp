#include "planning/conversation_title.h"

#include <algorithm>

namespace lobsync::planning {

std::string conversation_key(const messaging::Translations& tr, const domain::Policy& policy, const domain::Meeting& m) {
  const auto key = "conversation." + m.type;
  if (!tr.has(key + ".title")) return "conversation.default";
  const auto* type = policy.type(m.type);
  const bool parents_come =
      std::any_of(m.participants.begin(), m.participants.end(), [](const auto& p) { return p.role == "parent"; });
  if (type != nullptr && type->with_parents && !parents_come && tr.has(key + ".without_parents.title"))
    return key + ".without_parents";
  return key;
}

std::string conversation_title(const messaging::Translations& tr, std::string_view language, const domain::Policy& policy,
                               const domain::Meeting& m) {
  if (const auto* type = policy.type(m.type)) {
    if (auto it = type->titles.find(tr.resolve(language)); it != type->titles.end()) return it->second;
  }
  return tr.text(language, conversation_key(tr, policy, m) + ".title");
}

}  // namespace lobsync::planning
