// Lets a planned meeting's time come: the daemon runs on the real clock, and a record or an
// attendance mark is taken only once the meeting has started. The test's only write into a
// meeting: the same length and version, starting `ago` before now.
#pragma once

#include "core/clock.h"
#include "store/store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace lobsync::test {

inline void let_meeting_start(const std::filesystem::path& db, const std::string& id,
                              std::chrono::minutes ago = std::chrono::hours(2)) {
  SystemClock clock;
  auto store = store::open_store({"sqlite", db}, clock);
  auto m = store->meetings().meeting(id);
  if (!m) return;  // an unknown meeting: the test asks about it on purpose
  if (m->start <= clock.now()) return;  // already begun
  const auto length = m->end - m->start;
  m->start = clock.now() - ago;
  m->end = m->start + length;
  EXPECT_TRUE(store->meetings().save_if_sequence(*m, m->sequence, {}, clock.now())) << id;
}

}  // namespace lobsync::test
