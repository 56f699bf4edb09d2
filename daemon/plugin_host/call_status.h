// How a call into a plugin ended, in the host's own terms. The ABI's lobsync_status codes are
// translated here, at the plugin host's edge, so the outbox, the sync and the planner never see
// a raw ABI value.
#pragma once

#include <cstdint>
#include <iosfwd>

namespace lobsync::plugin_host {

enum class CallStatus : std::uint8_t {
  ok,
  invalid_argument,  // the request was malformed: sending it again cannot help
  config,            // the instance's settings are wrong
  unavailable,       // the remote side is away for now; retrying may help
  permanent,         // the remote side refused this item for good
  auth,              // credentials were refused
  not_supported,     // an operation the plugin does not have
  aborted,           // the host asked the plugin to stop
  internal,          // a bug or an unexpected exception in the plugin, or a status no ABI knows
};

// For messages and logs: "temporarily unavailable", "permanent failure", …
const char* status_name(CallStatus status);
std::ostream& operator<<(std::ostream& out, CallStatus status);  // the name, for test messages

}  // namespace lobsync::plugin_host
