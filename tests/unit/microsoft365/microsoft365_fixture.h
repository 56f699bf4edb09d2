// Drives the microsoft365 plugin through the real host against the fake Graph. HTTP waits
// between retries (Retry-After of a 429) are recorded, not slept. The host's clock starts at
// the real time, as the fake checks the certificate assertion's times against its own clock.
#pragma once

#include "fake_graph.h"

#include "plugin_host/instance.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <mutex>

namespace lobsync::plugin_host {

class Microsoft365Test : public ::testing::Test {
 protected:
  static constexpr const char* kSecretEnv = "LOBSYNC_TEST_M365_CLIENT_SECRET";

  Microsoft365Test()
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
        graph_(app_) {
    ::setenv(kSecretEnv, test::FakeOAuthApp::kClientSecret, 1);
  }

  nlohmann::json settings() const {
    return {{"tenant", test::FakeOAuthApp::kTenant},
            {"client_id", test::FakeOAuthApp::kSecretClient},
            {"client_secret", {{"env", kSecretEnv}}},
            {"mailbox", test::FakeGraph::kMailbox},
            {"authority_url", graph_.base()},
            {"graph_url", graph_.graph_url()}};
  }

  nlohmann::json certificate_settings() const {
    auto s = settings();
    s.erase("client_secret");
    s["client_id"] = test::FakeOAuthApp::kCertificateClient;
    s["certificate"] = app_.app.cert.string();
    s["private_key"] = {{"file", app_.app.key.string()}};
    return s;
  }

  std::unique_ptr<PluginInstance> make(const nlohmann::json& s) {
    const auto* loaded = catalog_.find("microsoft365");
    if (loaded == nullptr) throw std::runtime_error("plugin microsoft365 not loaded");
    std::string error;
    auto instance = PluginInstance::create(*loaded, "m365-test", s, services_, error);
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
    graph_.control({{"advance_seconds", by.count()}});
  }

  test::ScratchDir scratch_;
  ManualClock clock_;
  std::mutex waits_mutex_;
  std::vector<std::chrono::milliseconds> waits_;
  net::HttpClient http_;
  HostServices services_;
  PluginCatalog catalog_;
  test::FakeOAuthApp app_;
  test::FakeGraph graph_;
};

}  // namespace lobsync::plugin_host
