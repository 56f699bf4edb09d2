#include "outbox/outbox_metrics.h"

#include "core/metrics.h"

#include <string>

namespace lobsync::outbox {
namespace {

constexpr const char* kDeliveries = "lobsync_outbox_deliveries_total";
constexpr const char* kItems = "lobsync_outbox_items";
constexpr const char* kDeadReports = "lobsync_outbox_dead_reports_total";

void describe(metrics::Registry& m) {
  m.describe(kDeliveries, "Outbox delivery attempts, by channel and outcome (sent, retry, dead, deferred)",
             metrics::Type::counter);
  m.describe(kItems, "Outbox items, by state", metrics::Type::gauge);
  m.describe(kDeadReports,
             "Dispatch runs that gave items up, by what became of the administrators' report (queued, "
             "nobody_configured, failed)",
             metrics::Type::counter);
}

}  // namespace

void count_delivery(std::string_view channel, std::string_view outcome, double items) {
  auto& m = metrics::global();
  describe(m);
  m.inc(kDeliveries, {{"channel", std::string(channel)}, {"outcome", std::string(outcome)}}, items);
}

void count_dead_report(std::string_view outcome) {
  auto& m = metrics::global();
  describe(m);
  m.inc(kDeadReports, {{"outcome", std::string(outcome)}});
}

void publish_item_gauges(store::OutboxStore& store) {
  auto& m = metrics::global();
  describe(m);
  const auto counts = store.outbox_counts();
  for (auto state : store::kOutboxStates) {
    double value = 0;
    for (const auto& [name, count] : counts) {
      if (name == state) value = static_cast<double>(count);
    }
    m.set(kItems, {{"state", std::string(state)}}, value);
  }
}

}  // namespace lobsync::outbox
