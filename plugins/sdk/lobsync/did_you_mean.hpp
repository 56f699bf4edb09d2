// "Did you mean": the known name closest to a misspelt one, so an unknown setting ("paht") or a
// misspelt CSV column is answered with the one the administrator meant ("path").
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::sdk {

// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: a swap counts
// once, as typing two letters in the wrong order is the commonest slip.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// The index of the known name within a few edits of `written` (at most a third of its length,
// and never more than 2, so short names do not suggest unrelated ones); the closest wins, then
// the first. Empty names are never suggested.
inline std::optional<std::size_t> closest_index(std::string_view written, const std::vector<std::string>& known) {
  const std::size_t limit = std::min<std::size_t>(2, std::max<std::size_t>(1, written.size() / 3));
  std::optional<std::size_t> best;
  std::size_t best_distance = limit + 1;
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (known[i].empty()) continue;
    const std::size_t distance = edit_distance(written, known[i]);
    if (distance < best_distance) {
      best = i;
      best_distance = distance;
    }
  }
  return best;
}

inline std::optional<std::string> closest_name(std::string_view written, const std::vector<std::string>& known) {
  if (auto i = closest_index(written, known)) return known[*i];
  return std::nullopt;
}

}  // namespace lobsync::sdk
