// A real SQLite outbox, real plugin instances of the test sink (tests/fakes/plugins) and a
// ManualClock starting one minute before clocks go back (last Sunday of October 2026), so every
// backoff in these tests crosses the daylight-saving change.
#pragma once

#include "net/http_client.h"
#include "outbox/dispatcher.h"
#include "plugin_host/host_services.h"
#include "plugin_host/runtime.h"
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <sstream>
#include <thread>

namespace lobsync::outbox {

using namespace std::chrono_literals;
using nlohmann::json;

inline const Instant kT0 = instant_from_unix_ms(1'792'889'940'000);  // 2026-10-25 00:59 UTC = 02:59 CEST

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() : store_(store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_)) {
    settings_.lease = 300s;
    settings_.retry_period = 3h;
    settings_.backoff_base = 60s;
    settings_.backoff_max = 600s;
    settings_.batch = 10;
    settings_.workers = 4;
  }

  config::PluginInstanceSettings sink(const std::string& name, bool enabled = true) {
    return {name, "test-sink", enabled,
            {{"file", deliveries_file().string()}, {"state_dir", (dir_ / "sink-state").string()}}, {}};
  }

  // The config of the given instances (default: one test sink named "sink").
  config::Config plugins_config(std::vector<config::PluginInstanceSettings> instances) {
    if (instances.empty()) instances.push_back(sink("sink"));
    config::Config config;
    config.plugin_dirs = {test::env("LOBSYNC_TEST_PLUGIN_DIR"), test::plugin_dir()};
    config.plugins = std::move(instances);
    return config;
  }

  // Starts the given instances (default: one test sink named "sink") and a dispatcher over them.
  Dispatcher& start(std::vector<config::PluginInstanceSettings> instances = {}) {
    dispatcher_.reset();
    runtime_ = std::make_unique<plugin_host::PluginRuntime>(plugins_config(std::move(instances)), host_services_);
    dispatcher_ = std::make_unique<Dispatcher>(store_->outbox(), *runtime_, clock_, settings_, notice_);
    return *dispatcher_;
  }

  // Queues an item whose request carries its own key, as the real producers do.
  void enqueue(const std::string& key, const std::string& channel = "sink", json request = json::object(),
               const std::string& operation = "mail.send") {
    request["idempotency_key"] = key;
    store_->outbox().enqueue(key, channel, operation, request, clock_.now());
  }

  store::OutboxItem item(const std::string& key) {
    auto found = store_->outbox().outbox_item(key);
    if (!found) throw std::runtime_error("no outbox item " + key);
    return *found;
  }

  std::filesystem::path deliveries_file() const { return dir_ / "deliveries.jsonl"; }
  std::filesystem::path state_dir() const { return dir_ / "sink-state"; }

  // The sink's lines, in the order written.
  std::vector<json> deliveries() const {
    std::vector<json> out;
    if (!std::filesystem::exists(deliveries_file())) return out;
    std::istringstream in(test::read_file(deliveries_file()));
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }

  test::ScratchDir dir_;
  ManualClock clock_{kT0};
  net::HttpClient http_;
  plugin_host::HostServices host_services_{clock_, http_};
  std::unique_ptr<store::Store> store_;
  DispatchSettings settings_;
  AdminNotice notice_;  // nobody to tell unless a test sets it
  std::unique_ptr<plugin_host::PluginRuntime> runtime_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

// Waits for a condition another thread brings about; the limit only guards against a hang.
template <class Condition>
bool eventually(Condition condition) {
  for (int i = 0; i < 2000; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

}  // namespace lobsync::outbox
