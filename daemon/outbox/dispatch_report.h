// How a dispatch run is shown: JSON for scripts (`lobsync dispatch --json`), text for people,
// and one line for the job run record.
#pragma once

#include "outbox/dispatcher.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace lobsync::outbox {

// {"sent": n, "failed": n, "retry_later": n, "failures": [{"key","channel","error","dead"}]}, and
// "admin_report" (the key of the report about dead items) when one was queued
nlohmann::json to_json(const DispatchResult& result);

// "3 sent, 1 dead, 2 to retry later"
std::string counts_line(const DispatchResult& result);

// The counts line, then one line per failure (at most `max_failures`, then how many more).
std::string summary(const DispatchResult& result, std::size_t max_failures = 20);

}  // namespace lobsync::outbox
