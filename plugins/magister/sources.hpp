// Fetches the raw bytes of the four tables: from the SWP webservice or from files in a folder.
// Everything is fetched before anything is mapped, so a refused login or a missing file fails
// the read before a single record is emitted.
#pragma once

#include "csv_table.hpp"
#include "settings.hpp"

#include <lobsync/plugin_sdk.hpp>

#include <array>
#include <optional>

namespace magister {

// One entry per Table; nullopt for a table the settings switch off.
using Sources = std::array<std::optional<Source>, kTables.size()>;

Sources load_sources(const lobsync::sdk::Host& host, const Settings& settings);

}  // namespace magister
