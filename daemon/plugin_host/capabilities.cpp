#include "plugin_host/capabilities.h"

#include <array>

namespace lobsync::plugin_host {
namespace {

struct CapabilityInfo {
  Capability capability;
  std::uint32_t bit;
  std::string_view name;
  std::string_view operation_prefix;  // operations of this capability start with it
};

constexpr std::array<CapabilityInfo, 5> kCapabilities{{
    {Capability::roster_source, LOBSYNC_CAP_ROSTER_SOURCE, "roster-source", "roster."},
    {Capability::busy_source, LOBSYNC_CAP_BUSY_SOURCE, "busy-source", "busy."},
    {Capability::calendar_writer, LOBSYNC_CAP_CALENDAR_WRITER, "calendar-writer", "calendar."},
    {Capability::mailer, LOBSYNC_CAP_MAILER, "mailer", "mail."},
    {Capability::dossier_sink, LOBSYNC_CAP_DOSSIER_SINK, "dossier", "dossier."},
}};

}  // namespace

std::uint32_t bit_of(Capability capability) {
  for (const auto& c : kCapabilities) {
    if (c.capability == capability) return c.bit;
  }
  return 0;
}

std::vector<std::string> capability_names(std::uint32_t bits) {
  std::vector<std::string> names;
  for (const auto& c : kCapabilities) {
    if ((bits & c.bit) != 0) names.emplace_back(c.name);
  }
  return names;
}

std::optional<std::uint32_t> capability_bit(std::string_view name) {
  for (const auto& c : kCapabilities) {
    if (c.name == name) return c.bit;
  }
  return std::nullopt;
}

bool operation_allowed(std::uint32_t capabilities, std::string_view operation) {
  for (const auto& c : kCapabilities) {
    if ((capabilities & c.bit) != 0 && operation.starts_with(c.operation_prefix)) return true;
  }
  return false;
}

}  // namespace lobsync::plugin_host
