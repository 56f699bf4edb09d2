// One reminder run, as `lobsync remind` and the "remind" job run it: read the school, build the
// notice context (translations, self-service link key) and run the digest over every source.
#pragma once

#include "notices/digest.h"

namespace lobsync::notices {

// Throws std::runtime_error (StoreError, a missing mailer, …); then nothing was queued.
DigestReport run_remind(const config::Config& config, store::Store& store, Instant now, const DigestOptions& options);

}  // namespace lobsync::notices
