// Names of plugin capabilities as shown to administrators and in JSON output.
#pragma once

#include <lobsync/plugin_abi.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::plugin_host {

std::vector<std::string> capability_names(std::uint32_t bits);
std::optional<std::uint32_t> capability_bit(std::string_view name);
// The operations a capability allows, e.g. "mail.send" for the mailer.
bool operation_allowed(std::uint32_t capabilities, std::string_view operation);

}  // namespace lobsync::plugin_host
