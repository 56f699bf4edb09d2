#include "outbox/deliverable_request.h"

#include "messaging/invitation_recipe.h"
#include "messaging/translations.h"

namespace lobsync::outbox {

bool needs_building(const nlohmann::json& request) { return request.is_object() && request.contains("invitation"); }

nlohmann::json deliverable_request(const nlohmann::json& request) {
  if (!needs_building(request)) return request;
  const auto recipe = request.find("invitation");
  auto out = request;
  out.erase("invitation");
  out["message"] = messaging::build_invitation_message(messaging::shipped_translations(),
                                                       messaging::recipe_from_json(*recipe));
  return out;
}

}  // namespace lobsync::outbox
