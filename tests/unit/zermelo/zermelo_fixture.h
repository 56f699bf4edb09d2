// Drives the zermelo plugin through the real host: catalog scan, instance creation, busy.read
// with the documents collected. HTTP waits between retries are recorded, not slept, so retry
// tests take no wall-clock time and assert nothing about it.
#pragma once

#include "support/fake_zermelo.h"

#include "plugin_host/instance.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <mutex>

namespace lobsync::plugin_host {

class ZermeloTest : public ::testing::Test {
 protected:
  static constexpr const char* kTokenEnv = "LOBSYNC_TEST_ZERMELO_TOKEN";

  struct Busy {
    CallResult result;
    std::vector<nlohmann::json> docs;

    std::vector<std::pair<std::string, std::string>> intervals(const std::string& person) const {
      std::vector<std::pair<std::string, std::string>> out;
      for (const auto& d : docs) {
        if (d.value("person", "") == person && d.contains("start")) out.emplace_back(d["start"], d["end"]);
      }
      return out;
    }
    std::vector<std::string> messages(const std::string& person, const std::string& key) const {
      std::vector<std::string> out;
      for (const auto& d : docs) {
        if (d.value("person", "") == person && d.contains(key)) out.push_back(d[key]);
      }
      return out;
    }
    std::string message(const std::string& person, const std::string& key) const {
      const auto all = messages(person, key);
      return all.empty() ? std::string() : all.front();
    }
    std::string dump() const {
      std::string text = result.error + "\n";
      for (const auto& d : docs) text += d.dump() + "\n";
      return text;
    }
  };

  // 2026-09-21 10:00 UTC.
  ZermeloTest()
      : clock_(instant_from_unix_ms(1'790'000'000'000)),
        http_({}, [this](std::chrono::milliseconds wait) {
          std::lock_guard lock(waits_mutex_);
          waits_.push_back(wait);
        }),
        services_(clock_, http_),
        catalog_(PluginCatalog::scan({test::plugin_dir()})) {
    ::setenv(kTokenEnv, test::FakeZermelo::kToken, 1);
  }

  nlohmann::json settings(const test::FakeZermelo& fake) const {
    return {{"portal_url", fake.portal_url()}, {"token", {{"env", kTokenEnv}}}};
  }

  std::unique_ptr<PluginInstance> make(const nlohmann::json& s) {
    const auto* loaded = catalog_.find("zermelo");
    if (loaded == nullptr) throw std::runtime_error("plugin zermelo not loaded");
    std::string error;
    auto instance = PluginInstance::create(*loaded, "timetable", s, services_, error);
    if (!instance) throw std::runtime_error("create failed: " + error);
    return instance;
  }

  Busy busy(PluginInstance& instance, const nlohmann::json& request) {
    Busy out;
    out.result = instance.call("busy.read", request, [&](std::string_view doc) {
      out.docs.push_back(nlohmann::json::parse(doc));
      return true;
    });
    return out;
  }

  // A staff member as the host sends them; the abbreviation is the SIS's teacher code.
  static nlohmann::json person(const std::string& id, const std::string& abbreviation, const std::string& email = "") {
    return {{"id", id}, {"source", "school"}, {"source_id", id}, {"email", email}, {"abbreviation", abbreviation},
            {"calendar", email}};
  }
  static nlohmann::json request(const std::string& from, const std::string& to, nlohmann::json people) {
    return {{"from", from}, {"to", to}, {"people", std::move(people)}};
  }

  ManualClock clock_;
  std::mutex waits_mutex_;
  std::vector<std::chrono::milliseconds> waits_;
  net::HttpClient http_;
  HostServices services_;
  PluginCatalog catalog_;
};

}  // namespace lobsync::plugin_host
