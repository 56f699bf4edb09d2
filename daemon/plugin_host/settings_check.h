// Checks each configured plugin instance against the loaded plugins: the plugin exists, its
// own validate_config hook accepts the settings, and every secret reference resolves.
#pragma once

#include "config/config.h"
#include "plugin_host/catalog.h"

#include <vector>

namespace lobsync::plugin_host {

std::vector<config::Problem> check_plugin_settings(const config::Config& config, const PluginCatalog& catalog);

}  // namespace lobsync::plugin_host
