// Names of plugin capabilities as shown to administrators and in JSON output.
#pragma once

#include <lobsync/plugin_abi.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::plugin_host {

// What a plugin can do, in the host's own terms (the ABI's LOBSYNC_CAP_* bits stay in this folder).
enum class Capability : std::uint8_t { roster_source, busy_source, calendar_writer, mailer, dossier_sink };

// The descriptor's bit for a capability.
std::uint32_t bit_of(Capability capability);

std::vector<std::string> capability_names(std::uint32_t bits);
std::optional<std::uint32_t> capability_bit(std::string_view name);
// The operations a capability allows, e.g. "mail.send" for the mailer.
bool operation_allowed(std::uint32_t capabilities, std::string_view operation);

}  // namespace lobsync::plugin_host
