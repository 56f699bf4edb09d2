// The outbox's Prometheus series: deliveries by channel and outcome, and items by state.
#pragma once

#include "store/outbox_store.h"

#include <string_view>

namespace lobsync::outbox {

// outcome: "sent", "retry", "dead" or "deferred" (the channel could not take the item).
void count_delivery(std::string_view channel, std::string_view outcome, double items = 1);

// A dispatch run gave items up; outcome: "queued" (the administrators' report), "nobody_configured"
// (no admin.email), "failed" (the report could not be written).
void count_dead_report(std::string_view outcome);

// Sets lobsync_outbox_items{state} for every state, zero included, and per channel
// lobsync_outbox_depth{channel} (pending and in flight) and lobsync_outbox_dead_items{channel},
// from the store's counts.
void publish_item_gauges(store::OutboxStore& store);

}  // namespace lobsync::outbox
