// Fetches the raw bytes of the tables an operation needs: from the SWP webservice or from files
// in a folder. Everything is fetched before anything is mapped, so a refused login or a missing
// file fails the read before a single record is emitted.
#pragma once

#include "csv_table.hpp"
#include "settings.hpp"

#include <lobsync/plugin_sdk.hpp>

#include <array>
#include <initializer_list>
#include <optional>

namespace magister {

// One entry per Table; nullopt for a table not asked for or switched off in the settings.
using Sources = std::array<std::optional<Source>, kTables.size()>;

Sources load_sources(const lobsync::sdk::Host& host, const Settings& settings, std::initializer_list<Table> tables);

}  // namespace magister
