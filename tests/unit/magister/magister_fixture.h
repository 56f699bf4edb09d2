// Drives the magister plugin through the real host (catalog, instance, host services), and
// starts tests/fakes/magister/fake_swp.py for the SWP tests.
#pragma once

#include "core/clock.h"
#include "net/http_client.h"
#include "plugin_host/instance.h"

#include "support/process.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <set>

namespace lobsync::magister_test {

using nlohmann::json;

// The fake SWP on a free loopback port; extra arguments select faults and encodings.
class FakeSwp {
 public:
  explicit FakeSwp(const std::vector<std::string>& args = {}) : process_(test::Process::start(command(args))) {
    const std::string line = process_.wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("LISTENING "); }, std::chrono::seconds(30));
    port_ = std::stoi(line.substr(10));
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/doc"; }

  static constexpr const char* kPassword = "Geheim&Wachtwoord#1";  // the fake's default

 private:
  static std::vector<std::string> command(const std::vector<std::string>& args) {
    std::vector<std::string> argv{test::python(), (test::source_dir() / "tests/fakes/magister/fake_swp.py").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  test::Process process_;
  int port_ = 0;
};

// What one roster.read produced.
struct Read {
  plugin_host::CallResult result;
  std::vector<json> docs;

  std::vector<json> kind(const std::string& k) const {
    std::vector<json> out;
    for (const auto& d : docs) {
      if (d.value("kind", "") == k) out.push_back(d);
    }
    return out;
  }
  json find(const std::string& k, const std::string& source_id) const {
    for (const auto& d : docs) {
      if (d.value("kind", "") == k && d.value("source_id", "") == source_id) return d;
    }
    return nullptr;
  }
  // Problems whose message contains `text`.
  std::vector<json> problems(const std::string& text) const {
    std::vector<json> out;
    for (const auto& p : kind("problem")) {
      if (p["message"].get<std::string>().find(text) != std::string::npos) out.push_back(p);
    }
    return out;
  }
  std::string dump() const {
    std::string text = result.error + "\n";
    for (const auto& d : docs) text += d.dump() + "\n";
    return text;
  }
};

class MagisterTest : public ::testing::Test {
 protected:
  MagisterTest()
      : clock_(instant_from_unix_ms(1'790'000'000'000)),
        http_({}, [](std::chrono::milliseconds) {}),  // retries without waiting
        services_(clock_, http_),
        catalog_(plugin_host::PluginCatalog::scan({test::plugin_dir()})) {}

  // Creates an instance and runs roster.read; a failed create shows up as result.error.
  Read read(const json& settings) {
    Read out;
    const auto* plugin = catalog_.find("magister");
    if (plugin == nullptr) throw std::runtime_error("plugin magister not loaded");
    std::string error;
    auto instance = plugin_host::PluginInstance::create(*plugin, "mag", settings, services_, error);
    if (!instance) {
      out.result = {lobsync::plugin_host::CallStatus::config, error};
      return out;
    }
    out.result = instance->call("roster.read", {{"mode", "full"}}, [&](std::string_view doc) {
      out.docs.push_back(json::parse(doc));
      return true;
    });
    return out;
  }

  ManualClock clock_;
  net::HttpClient http_;
  plugin_host::HostServices services_;
  plugin_host::PluginCatalog catalog_;
};

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace lobsync::magister_test
