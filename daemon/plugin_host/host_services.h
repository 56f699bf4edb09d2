// The services the host lends to plugin instances through the lobsync_host_api table: logging
// under the instance's name, the HTTP client, the clock and secret lookup.
#pragma once

#include "core/clock.h"

#include <lobsync/plugin_abi.h>

#include <memory>
#include <mutex>
#include <string>

namespace lobsync::net {
class HttpClient;
}

// One per plugin instance; the plugin sees only an opaque pointer to it.
struct lobsync_host_ctx {
  std::string instance;
  std::string logger;  // "plugin:<instance>"
  const lobsync::Clock* clock = nullptr;
  const lobsync::net::HttpClient* http = nullptr;
  std::mutex error_mutex;
  std::string last_error;
};

namespace lobsync::plugin_host {

class HostServices {
 public:
  HostServices(const Clock& clock, const net::HttpClient& http) : clock_(clock), http_(http) {}

  // The function table handed to every plugin; lives as long as the process.
  static const lobsync_host_api* api();

  std::unique_ptr<lobsync_host_ctx> make_context(const std::string& instance) const;

  // Takes (and clears) the error a plugin set before returning a non-zero status.
  static std::string take_error(lobsync_host_ctx& ctx);

 private:
  const Clock& clock_;
  const net::HttpClient& http_;
};

}  // namespace lobsync::plugin_host
