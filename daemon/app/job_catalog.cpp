#include "app/job_catalog.h"

namespace lobsync::app {

std::vector<std::string> pipeline_order() { return {"sync", "plan", "dispatch"}; }

std::optional<jobs::JobFn> job_function(std::string_view /*name*/, Services& /*services*/) {
  // The roster sync, planner and dispatcher register here as they land.
  return std::nullopt;
}

}  // namespace lobsync::app
