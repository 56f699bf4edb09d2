// Builds the planner's view of the school from the synced roster in the store.
#pragma once

#include "domain/school.h"
#include "store/roster_store.h"

namespace lobsync::planning {

domain::School load_school(store::RosterStore& roster);

// "<source>:<source_id>": the key a roster record has in the domain.
std::string roster_key(const std::string& source, const std::string& source_id);

}  // namespace lobsync::planning
