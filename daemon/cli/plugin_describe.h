// `lobsync plugins --describe NAME`: one plugin and the settings it declares, as text, JSON or
// the Markdown table its README carries (tests/docs checks that the two agree).
#pragma once

#include "plugin_host/catalog.h"

#include <string>

namespace lobsync::cli {

enum class DescribeFormat { text, json, markdown };

// Prints the description of the loaded plugin `name`; exit code 0, or 2 (after saying which
// plugins there are) when no such plugin is loaded.
int describe_plugin(const plugin_host::PluginCatalog& catalog, const std::string& name, DescribeFormat format);

}  // namespace lobsync::cli
