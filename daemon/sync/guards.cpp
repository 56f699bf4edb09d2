#include "sync/guards.h"

#include "sync/record_validator.h"

#include <fmt/format.h>

namespace lobsync::sync {

std::optional<std::string> hold_reason(const store::SyncCounts& counts, const config::SyncSettings& settings) {
  const auto students = counts.find("student");
  const std::int64_t incoming_students =
      students == counts.end() ? 0 : students->second.added + students->second.updated + students->second.unchanged;
  if (incoming_students == 0) {
    return std::string("the snapshot has no students; an empty or truncated export is never applied");
  }
  for (const auto& [kind, c] : counts) {
    if (c.removed == 0) continue;
    const double percent = c.active_before > 0 ? 100.0 * static_cast<double>(c.removed) / static_cast<double>(c.active_before) : 0.0;
    if (c.removed > settings.max_removed_count || percent > settings.max_removed_percent) {
      return fmt::format("it would remove {} of {} {} ({:.1f}%), more than the limits of {} records or {:.1f}%",
                         c.removed, c.active_before, report_name(kind), percent, settings.max_removed_count,
                         settings.max_removed_percent);
    }
  }
  return std::nullopt;
}

bool inside_window(const config::SyncSettings& settings, int minute_of_day) {
  if (!settings.has_window) return true;
  const int from = settings.window_from_minute;
  const int to = settings.window_to_minute;
  return from < to ? (minute_of_day >= from && minute_of_day < to) : (minute_of_day >= from || minute_of_day < to);
}

std::string describe_window(const config::SyncSettings& settings) {
  return fmt::format("{:02}:{:02}-{:02}:{:02}", settings.window_from_minute / 60, settings.window_from_minute % 60,
                     settings.window_to_minute / 60, settings.window_to_minute % 60);
}

}  // namespace lobsync::sync
