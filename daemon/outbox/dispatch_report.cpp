#include "outbox/dispatch_report.h"

#include <fmt/format.h>

namespace lobsync::outbox {

nlohmann::json to_json(const DispatchResult& result) {
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& f : result.failures) {
    failures.push_back({{"key", f.key}, {"channel", f.channel}, {"error", f.error}, {"dead", f.dead}});
  }
  nlohmann::json out{{"sent", result.sent}, {"failed", result.failed}, {"retry_later", result.retry_later}, {"failures", failures}};
  if (!result.admin_report.empty()) out["admin_report"] = result.admin_report;
  return out;
}

std::string counts_line(const DispatchResult& result) {
  return fmt::format("{} sent, {} dead, {} to retry later", result.sent, result.failed, result.retry_later);
}

std::string summary(const DispatchResult& result, std::size_t max_failures) {
  std::string out = "outbox: " + counts_line(result) + "\n";
  std::size_t shown = 0;
  for (const auto& f : result.failures) {
    if (shown++ == max_failures) {
      out += fmt::format("... and {} more (lobsync dispatch --json lists them all)\n", result.failures.size() - max_failures);
      break;
    }
    out += fmt::format("{} {} ({}): {}\n", f.dead ? "dead " : "retry", f.key, f.channel, f.error);
  }
  if (!result.admin_report.empty()) out += "the administrators are told (outbox item " + result.admin_report + ")\n";
  return out;
}

}  // namespace lobsync::outbox
