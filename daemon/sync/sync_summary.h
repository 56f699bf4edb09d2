// How sync runs read to people and to the shell: a summary per source, and the exit code of a
// `lobsync sync` that ran several sources.
#pragma once

#include "sync/engine.h"

#include <string>
#include <vector>

namespace lobsync::sync {

// 0 when every source applied or dry-ran, 3 when one was held (and none failed), 1 on failure.
int exit_code(const std::vector<SyncResult>& results);

// One line per source and entity, for people.
std::string summary(const SyncResult& result);

}  // namespace lobsync::sync
