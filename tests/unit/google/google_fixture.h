// Drives the google plugin through the real host against the fake Google. HTTP waits between
// retries (Retry-After of a 429) are recorded, not slept. The host's clock starts at the real
// time, as the fake checks the service account assertion's times against its own clock.
#pragma once

#include "fake_google.h"

#include "plugin_host/instance.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

namespace lobsync::plugin_host {

class GoogleTest : public ::testing::Test {
 protected:
  GoogleTest()
      : clock_(instant_from_unix_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count())),
        http_({}, [this](std::chrono::milliseconds wait) {
          std::lock_guard lock(waits_mutex_);
          waits_.push_back(wait);
        }),
        services_(clock_, http_),
        catalog_(PluginCatalog::scan({test::plugin_dir()})),
        app_(scratch_.path()),
        google_(app_) {}

  nlohmann::json settings() const {
    return {{"service_account_key", {{"file", app_.service_account_key.string()}}},
            {"mailbox", test::FakeGoogle::kMailbox},
            {"google_token_url", google_.token_url()},
            {"calendar_url", google_.base()},
            {"gmail_url", google_.base()}};
  }

  std::unique_ptr<PluginInstance> make(const nlohmann::json& s) {
    const auto* loaded = catalog_.find("google");
    if (loaded == nullptr) throw std::runtime_error("plugin google not loaded");
    std::string error;
    auto instance = PluginInstance::create(*loaded, "google-test", s, services_, error);
    if (!instance) throw std::runtime_error("create failed: " + error);
    return instance;
  }

  struct Result {
    CallResult result;
    std::vector<nlohmann::json> docs;
  };

  static Result call(PluginInstance& instance, const std::string& op, const nlohmann::json& request) {
    Result r;
    r.result = instance.call(op, request, [&](std::string_view doc) {
      r.docs.push_back(nlohmann::json::parse(doc));
      return true;
    });
    return r;
  }

  void advance(std::chrono::seconds by) {
    clock_.advance(by);
    google_.control({{"advance_seconds", by.count()}});
  }

  std::vector<std::chrono::milliseconds> waits() {
    std::lock_guard lock(waits_mutex_);
    return waits_;
  }

  test::ScratchDir scratch_;
  ManualClock clock_;
  std::mutex waits_mutex_;
  std::vector<std::chrono::milliseconds> waits_;
  net::HttpClient http_;
  HostServices services_;
  PluginCatalog catalog_;
  test::FakeOAuthApp app_;
  test::FakeGoogle google_;
};

}  // namespace lobsync::plugin_host
