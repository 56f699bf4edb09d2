// Drives the somtoday plugin through the real host: catalog scan, instance creation, calls with
// the documents collected. HTTP waits between retries are recorded, not slept, so retry tests
// take no wall-clock time and assert nothing about it.
#pragma once

#include "fake_somtoday.h"

#include "plugin_host/instance.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <mutex>

namespace lobsync::plugin_host {

class SomtodayTest : public ::testing::Test {
 protected:
  static constexpr const char* kSecretEnv = "LOBSYNC_TEST_SOMTODAY_SECRET";

  // 2026-09-21 10:00 UTC: inside school year 2026/2027, the fake's current placements.
  SomtodayTest()
      : clock_(instant_from_unix_ms(1'790'000'000'000)),
        http_({}, [this](std::chrono::milliseconds wait) {
          std::lock_guard lock(waits_mutex_);
          waits_.push_back(wait);
        }),
        services_(clock_, http_),
        catalog_(PluginCatalog::scan({test::plugin_dir()})) {
    ::setenv(kSecretEnv, test::FakeSomtoday::kClientSecret, 1);
  }

  nlohmann::json settings(const test::FakeSomtoday& fake) const {
    return {{"organisation", test::FakeSomtoday::kOrganisation},
            {"client_id", test::FakeSomtoday::kClientId},
            {"client_secret", {{"env", kSecretEnv}}},
            {"api_url", fake.api_url()},
            {"token_url", fake.token_url()}};
  }

  std::unique_ptr<PluginInstance> make(const nlohmann::json& s) {
    const auto* loaded = catalog_.find("somtoday");
    if (loaded == nullptr) throw std::runtime_error("plugin somtoday not loaded");
    std::string error;
    auto instance = PluginInstance::create(*loaded, "somtoday-test", s, services_, error);
    if (!instance) throw std::runtime_error("create failed: " + error);
    return instance;
  }

  std::vector<nlohmann::json> read(PluginInstance& instance, CallResult& result) {
    std::vector<nlohmann::json> docs;
    result = instance.call("roster.read", {{"mode", "full"}}, [&](std::string_view doc) {
      docs.push_back(nlohmann::json::parse(doc));
      return true;
    });
    return docs;
  }

  static std::vector<nlohmann::json> of_kind(const std::vector<nlohmann::json>& docs, const std::string& kind) {
    std::vector<nlohmann::json> out;
    for (const auto& d : docs) {
      if (d.value("kind", "") == kind) out.push_back(d);
    }
    return out;
  }

  static const nlohmann::json* find(const std::vector<nlohmann::json>& docs, const std::string& kind,
                                    const std::string& id) {
    for (const auto& d : docs) {
      if (d.value("kind", "") == kind && d.value("source_id", "") == id) return &d;
    }
    return nullptr;
  }

  ManualClock clock_;
  std::mutex waits_mutex_;
  std::vector<std::chrono::milliseconds> waits_;
  net::HttpClient http_;
  HostServices services_;
  PluginCatalog catalog_;
};

}  // namespace lobsync::plugin_host
