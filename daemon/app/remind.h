// The reminder use case: one run, as `lobsync remind` and the "remind" job run it: read the school, build the
// notice context (translations, self-service link key) and run the digest over every source.
#pragma once

#include "notices/digest.h"

namespace lobsync::app {

// Throws std::runtime_error (StoreError, a missing mailer, …); then nothing was queued.
notices::DigestReport run_remind(const config::Config& config, store::Store& store, Instant now,
                                 const notices::DigestOptions& options);

}  // namespace lobsync::app
