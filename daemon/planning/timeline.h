// One person's occupied time as disjoint, merged spans, for fast "is this free?" checks.
#pragma once

#include "core/clock.h"

#include <map>

namespace lobsync::planning {

class Timeline {
 public:
  void add(Instant start, Instant end);
  bool free(Instant start, Instant end) const;

 private:
  std::map<Instant, Instant> spans_;  // start → end, never overlapping or touching
};

}  // namespace lobsync::planning
