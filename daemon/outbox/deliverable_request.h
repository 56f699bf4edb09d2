// The request a plugin gets for an outbox item: the request as queued, except that an
// invitation kept as its recipe (messaging/invitation_recipe.h, under "invitation") is built
// into the finished message (under "message") first. Plugins, their tests and the ABI only
// ever see finished messages.
#pragma once

#include <nlohmann/json.hpp>

namespace lobsync::outbox {

// Whether `request` holds a recipe to build (else it is deliverable as it is).
bool needs_building(const nlohmann::json& request);

// Throws messaging::MessageError when the recipe cannot be built; the item cannot be sent.
nlohmann::json deliverable_request(const nlohmann::json& request);

}  // namespace lobsync::outbox
