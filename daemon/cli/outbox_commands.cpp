// `lobsync outbox list | retry | discard`: an administrator's view of and hand on the outbox.
// Keys, channels, states and errors only: the requests (messages with personal data) never show.
#include "cli/commands.h"

#include "core/iso_time.h"
#include "core/log.h"
#include "store/store.h"

#include <fmt/format.h>

#include <iostream>

namespace lobsync::cli {
namespace {

// Whose hand the audit trail records for changes made here.
constexpr std::string_view kActor = "admin";

nlohmann::json item_json(const store::OutboxItem& item, const std::string& timezone) {
  nlohmann::json j{{"key", item.key},
                   {"channel", item.channel},
                   {"operation", item.operation},
                   {"state", item.state},
                   {"attempts", item.attempts},
                   {"last_error", item.last_error},
                   {"created_at", iso_utc(item.created_at)}};
  if (item.state == store::kOutboxPending) {
    j["next_attempt_at"] = iso_utc(item.next_attempt_at);
    j["next_attempt_local"] = iso_local(item.next_attempt_at, timezone);
  }
  if (item.failing_since) j["failing_since"] = iso_utc(*item.failing_since);
  if (item.sent_at) j["sent_at"] = iso_utc(*item.sent_at);
  return j;
}

std::string item_line(const store::OutboxItem& item, const std::string& timezone) {
  const auto next = item.state == store::kOutboxPending ? local_text(item.next_attempt_at, timezone) : std::string("-");
  return fmt::format("{}  {}  {}  {}  attempts {}  next {}{}", item.key, item.channel, item.operation, item.state,
                     item.attempts, next, item.last_error.empty() ? "" : "  error: " + item.last_error);
}

// Why a key could not change, for people and scripts.
std::string refusal(const store::OutboxChange& c, std::string_view verb) {
  if (c.previous_state.empty()) return "no outbox item has this key";
  return fmt::format("it is {}: only dead or pending items can be {}", c.previous_state, verb);
}

// Prints what a retry or discard did and returns the exit code: 1 when any key could not change.
int report_changes(const CommonOptions& options, const std::vector<store::OutboxChange>& changes,
                   std::string_view verb) {
  std::size_t changed = 0;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : changes) {
    if (c.changed) ++changed;
    nlohmann::json j{{"key", c.key}, {"changed", c.changed}};
    if (!c.previous_state.empty()) j["previous_state"] = c.previous_state;
    if (!c.channel.empty()) j["channel"] = c.channel;
    if (!c.changed) j["error"] = refusal(c, verb);
    items.push_back(std::move(j));
  }
  if (options.json) {
    std::cout << nlohmann::json{{std::string(verb), changed}, {"items", items}}.dump() << "\n";
  } else {
    for (const auto& c : changes) {
      if (c.changed) std::cout << verb << " " << c.key << " (" << c.channel << ", was " << c.previous_state << ")\n";
      else std::cerr << c.key << ": not " << verb << ": " << refusal(c, verb) << "\n";
    }
    std::cout << changed << " item(s) " << verb << "\n";
  }
  return changed == changes.size() ? kExitOk : kExitFailure;
}

}  // namespace

int cmd_outbox_list(const CommonOptions& options, const OutboxListCommand& command) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto items = store->outbox().outbox_items(store::OutboxFilter{command.state, command.channel, command.limit});
    if (options.json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& item : items) list.push_back(item_json(item, config->timezone));
      std::cout << list.dump() << "\n";
    } else {
      if (items.empty()) std::cout << "no outbox items" << (command.state.empty() ? "" : " in state " + command.state) << "\n";
      for (const auto& item : items) std::cout << item_line(item, config->timezone) << "\n";
    }
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("outbox list failed: {}", e.what());
    return kExitFailure;
  }
}

int cmd_outbox_retry(const CommonOptions& options, const OutboxRetryCommand& command) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto changes = command.all_dead ? store->outbox().retry_dead(command.channel, kActor, clock.now())
                                          : store->outbox().retry(command.keys, kActor, clock.now());
    if (command.all_dead && changes.empty() && !options.json) {
      std::cout << "no dead items" << (command.channel.empty() ? "" : " for channel " + command.channel) << "\n";
      return kExitOk;
    }
    return report_changes(options, changes, "retried");
  } catch (const std::exception& e) {
    log::error("outbox retry failed: {}", e.what());
    return kExitFailure;
  }
}

int cmd_outbox_discard(const CommonOptions& options, const std::vector<std::string>& keys) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    return report_changes(options, store->outbox().discard(keys, kActor, clock.now()), "discarded");
  } catch (const std::exception& e) {
    log::error("outbox discard failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
