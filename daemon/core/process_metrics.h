// The standard Prometheus process metrics (process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds, process_start_time_seconds),
// read from /proc and getrlimit at each scrape, so dashboards made for any exporter work here too.
#pragma once

#include "core/metrics.h"

namespace lobsync::metrics {

// Sets the process gauges in `registry`; a value that cannot be read is left out, not guessed.
void publish_process_metrics(Registry& registry);

}  // namespace lobsync::metrics
