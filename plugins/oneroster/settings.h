// The oneroster plugin's settings: declared once (the SDK checks them, refuses unknown keys and
// shows them in `lobsync plugins --describe oneroster`), read into the reader's Settings.
#pragma once

#include "reader.h"

#include <lobsync/settings.hpp>

namespace oneroster {

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(); throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings read_settings(const nlohmann::json& settings);

}  // namespace oneroster
