// What config tests ask of a load result: whether a problem at this JSON pointer says this, and
// every problem as text for a failure message.
#pragma once

#include "config/load.h"

#include <string>

namespace lobsync::config {

inline bool has_problem(const LoadResult& r, const std::string& path, const std::string& text) {
  for (const auto& p : r.problems)
    if (p.path == path && p.message.find(text) != std::string::npos) return true;
  return false;
}

inline std::string problems_text(const LoadResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += p.path + ": " + p.message + "\n";
  return out;
}

}  // namespace lobsync::config
