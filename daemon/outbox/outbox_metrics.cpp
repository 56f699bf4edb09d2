#include "outbox/outbox_metrics.h"

#include "core/metrics.h"

#include <map>
#include <string>
#include <utility>

namespace lobsync::outbox {
namespace {

constexpr const char* kDeliveries = "lobsync_outbox_deliveries_total";
constexpr const char* kItems = "lobsync_outbox_items";
constexpr const char* kDeadReports = "lobsync_outbox_dead_reports_total";
constexpr const char* kDepth = "lobsync_outbox_depth";
constexpr const char* kDeadItems = "lobsync_outbox_dead_items";

void describe(metrics::Registry& m) {
  m.describe(kDeliveries, "Outbox delivery attempts, by channel and outcome (sent, retry, dead, deferred)",
             metrics::Type::counter);
  m.describe(kItems, "Outbox items, by state", metrics::Type::gauge);
  m.describe(kDepth, "Outbox items waiting to be delivered (pending or in flight), by channel", metrics::Type::gauge);
  m.describe(kDeadItems, "Outbox items given up that wait for an administrator, by channel", metrics::Type::gauge);
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
  std::map<std::string, double> by_state;
  std::map<std::string, std::pair<double, double>> by_channel;  // depth, dead
  for (const auto& c : store.outbox_counts_by_channel()) {
    by_state[c.state] += static_cast<double>(c.count);
    auto& [depth, dead] = by_channel[c.channel];
    if (c.state == store::kOutboxPending || c.state == store::kOutboxInFlight) depth += static_cast<double>(c.count);
    if (c.state == store::kOutboxDead) dead += static_cast<double>(c.count);
  }
  for (auto state : store::kOutboxStates) m.set(kItems, {{"state", std::string(state)}}, by_state[std::string(state)]);
  // A channel keeps its series (at zero) while the outbox holds any item of it.
  for (const auto& [channel, counts] : by_channel) {
    m.set(kDepth, {{"channel", channel}}, counts.first);
    m.set(kDeadItems, {{"channel", channel}}, counts.second);
  }
}

}  // namespace lobsync::outbox
