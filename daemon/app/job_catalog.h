// The jobs this build can run, by name. Each job is a function over the running Services;
// the product's pipeline is sync → plan → dispatch, and a job appears here once it exists.
#pragma once

#include "jobs/scheduler.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::app {

class Services;

// Ordered as the pipeline runs them.
std::vector<std::string> pipeline_order();
// The job's function, or nullopt when this build does not have it yet.
std::optional<jobs::JobFn> job_function(std::string_view name, Services& services);

}  // namespace lobsync::app
