// Tells the administrators when a roster sync was held or failed, by e-mail through the
// configured mailer. One message per run (the run id is the idempotency key), with counts, the
// reason and the first problems; record ids only, no names.
#pragma once

#include "config/config.h"
#include "sync/engine.h"

namespace lobsync::plugin_host {
class PluginRuntime;
}

namespace lobsync::sync {

// The report as a finished message, or an empty string when the run needs no report.
std::string report_message(const SyncResult& result, const config::Config& config, Instant now);

// Sends the report when one is due and an admin mailer is configured. Returns false (and logs
// why) when sending failed; a failed report never changes the sync's own outcome.
bool send_report(const SyncResult& result, const config::Config& config, plugin_host::PluginRuntime& plugins, Instant now);

}  // namespace lobsync::sync
