// `lobsync serve`, the composition root of the running daemon: wires the use cases (app/) to the
// HTTP routes (selfservice/) and the scheduler, runs the HTTP server and the job scheduler until SIGTERM or SIGINT, and
// reloads the config on SIGHUP (a bad new config is rejected and the running one kept).
#pragma once

#include "config/config.h"
#include "core/clock.h"

#include <filesystem>

namespace lobsync::serve {

// Blocks the handled signals in the calling thread. Call before any thread starts, so every
// thread inherits the mask and only the serve loop receives them.
void block_daemon_signals();

// Runs the daemon; returns the process exit code.
int serve(const config::Config& config, const Clock& clock);

}  // namespace lobsync::serve
