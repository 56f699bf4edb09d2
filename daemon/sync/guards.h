// When a snapshot looks wrong it is held, not applied: an export that has no students, or one
// that would remove more of any entity than the source's limits allow.
#pragma once

#include "config/config.h"
#include "store/roster_store.h"

#include <optional>
#include <string>

namespace lobsync::sync {

// The reason to hold the snapshot, or nullopt when it may be applied.
std::optional<std::string> hold_reason(const store::SyncCounts& counts, const config::SyncSettings& settings);

// Whether `minute_of_day` (local) lies in the source's bulk-read window.
bool inside_window(const config::SyncSettings& settings, int minute_of_day);
std::string describe_window(const config::SyncSettings& settings);

}  // namespace lobsync::sync
