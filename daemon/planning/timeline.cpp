#include "planning/timeline.h"

#include <algorithm>
#include <iterator>

namespace lobsync::planning {

void Timeline::add(Instant start, Instant end) {
  if (end <= start) return;
  auto it = spans_.upper_bound(start);
  if (it != spans_.begin()) {
    auto before = std::prev(it);
    if (before->second >= start) {  // overlaps or touches the span before: extend that one
      start = before->first;
      end = std::max(end, before->second);
      it = spans_.erase(before);
    }
  }
  while (it != spans_.end() && it->first <= end) {
    end = std::max(end, it->second);
    it = spans_.erase(it);
  }
  spans_.emplace(start, end);
}

bool Timeline::free(Instant start, Instant end) const {
  auto it = spans_.lower_bound(end);  // first span starting at or after `end`: cannot overlap
  if (it == spans_.begin()) return true;
  --it;  // the last span starting before `end`; spans are disjoint, so only it can overlap
  return it->second <= start;
}

}  // namespace lobsync::planning
