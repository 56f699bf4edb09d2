#include "sync/sync_summary.h"

#include <fmt/format.h>

namespace lobsync::sync {

int exit_code(const std::vector<SyncResult>& results) {
  bool held = false;
  for (const auto& r : results) {
    if (r.status == "failed") return 1;
    if (r.status == "held") held = true;
  }
  return held ? 3 : 0;
}

std::string summary(const SyncResult& r) {
  std::string out = fmt::format("source {}: {} (run {})\n", r.source, r.status, r.run_id);
  if (!r.reason.empty()) out += fmt::format("  reason: {}\n", r.reason);
  for (const auto& [kind, c] : r.counts) {
    out += fmt::format("  {:<10} {:>7} added {:>7} updated {:>7} removed {:>7} unchanged\n", report_name(kind), c.added,
                       c.updated, c.removed, c.unchanged);
  }
  if (r.problems_total > 0) {
    out += fmt::format("  {} problem(s){}\n", r.problems_total, r.problems_total > 10 ? ", the first 10:" : ":");
    for (std::size_t i = 0; i < r.problems.size() && i < 10; ++i) {
      const auto& p = r.problems[i];
      out += fmt::format("    {}{}: {} ({})\n", p.record, p.field.empty() ? "" : " " + p.field, p.message,
                         p.dropped == "nothing" ? "kept" : p.dropped + " dropped");
    }
  }
  return out;
}

}  // namespace lobsync::sync
