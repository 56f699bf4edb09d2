// A JSON picture of a running configuration, shared by `lobsync status`, /readyz and the API.
#pragma once

#include <nlohmann/json.hpp>

namespace lobsync::app {

class Services;

struct Readiness {
  bool ready = false;
  nlohmann::json detail;  // which check failed and why
};

Readiness readiness(Services& services);
nlohmann::json status_report(Services& services, std::size_t recent_runs = 10);

// Publishes plugin and store gauges into the global metrics registry.
void publish_metrics(Services& services);

}  // namespace lobsync::app
