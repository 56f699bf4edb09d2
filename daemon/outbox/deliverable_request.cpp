#include "outbox/deliverable_request.h"

#include "messaging/invitation_recipe.h"
#include "messaging/translations.h"

namespace lobsync::outbox {

nlohmann::json deliverable_request(const nlohmann::json& request) {
  if (!request.is_object()) return request;
  const auto recipe = request.find("invitation");
  if (recipe == request.end()) return request;
  auto out = request;
  out.erase("invitation");
  out["message"] = messaging::build_invitation_message(messaging::shipped_translations(),
                                                       messaging::recipe_from_json(*recipe));
  return out;
}

}  // namespace lobsync::outbox
