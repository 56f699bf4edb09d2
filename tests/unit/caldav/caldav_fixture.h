// Drives the caldav plugin through the real host (catalog scan, instance, calls) against a real
// Radicale on loopback, shared by the tests of one suite: each test writes into calendars of its
// own name, so tests do not see each other's events. HTTP waits between retries are recorded,
// not slept.
#pragma once

#include "support/radicale_server.h"

#include "net/http_client.h"
#include "plugin_host/instance.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace lobsync::caldav_test {

using nlohmann::json;
using plugin_host::CallResult;
using plugin_host::PluginInstance;

struct Outcome {
  CallResult result;
  std::vector<json> docs;

  std::string dump() const {
    std::string out = std::string(plugin_host::status_name(result.status)) + " " + result.error + "\n";
    for (const auto& d : docs) out += d.dump() + "\n";
    return out;
  }
};

class CalDavTest : public ::testing::Test {
 protected:
  static constexpr const char* kSecretEnv = "LOBSYNC_TEST_CALDAV_PASSWORD";
  static constexpr const char* kServicePassword = "dienst-wachtwoord";

  // lobsync is the school's service account; the mentors own their calendars.
  static void SetUpTestSuite() {
    test::RadicaleOptions options;
    options.users = {{"lobsync", kServicePassword}, {"mentor-a", "wachtwoord-a"}, {"mentor-b", "wachtwoord-b"}};
    options.service_accounts = {"lobsync"};
    server_ = std::make_unique<test::RadicaleServer>(options);
  }
  static void TearDownTestSuite() { server_.reset(); }

  CalDavTest()
      : clock_(instant_from_unix_ms(1'796'000'000'000)),
        http_({}, [this](std::chrono::milliseconds wait) {
          std::lock_guard lock(waits_mutex_);
          waits_.push_back(wait);
        }),
        services_(clock_, http_),
        catalog_(plugin_host::PluginCatalog::scan({test::plugin_dir()})),
        calendar_(own_calendar_name()) {
    ::setenv(kSecretEnv, kServicePassword, 1);
  }

  test::RadicaleServer& server() { return *server_; }

  // Mentors' calendars are /<mentor>/<calendar_>/, one name per test.
  json settings() const {
    return {{"collection_url", server_->url("/{calendar}/" + calendar_ + "/")},
            {"username", "lobsync"},
            {"password", {{"env", kSecretEnv}}}};
  }

  std::unique_ptr<PluginInstance> make(const json& s) {
    const auto* loaded = catalog_.find("caldav");
    if (loaded == nullptr) throw std::runtime_error("plugin caldav not loaded");
    std::string error;
    auto instance = PluginInstance::create(*loaded, "caldav-test", s, services_, error);
    if (!instance) throw std::runtime_error("create failed: " + error);
    return instance;
  }
  std::unique_ptr<PluginInstance> make() { return make(settings()); }

  static Outcome call(PluginInstance& instance, const std::string& operation, const json& request) {
    Outcome out;
    out.result = instance.call(operation, request, [&](std::string_view doc) {
      out.docs.push_back(json::parse(doc));
      return true;
    });
    return out;
  }

  // A meeting object as the host stores it in a mentor's calendar (no METHOD).
  static std::string meeting(const std::string& uid, int sequence, const std::string& summary,
                             const std::string& start = "20261208T150000", const std::string& end = "20261208T153000") {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//lobsync//test//NL\r\nBEGIN:VEVENT\r\nUID:" + uid +
           "\r\nDTSTAMP:20261122T100000Z\r\nSEQUENCE:" + std::to_string(sequence) +
           "\r\nDTSTART;TZID=Europe/Amsterdam:" + start + "\r\nDTEND;TZID=Europe/Amsterdam:" + end +
           "\r\nSUMMARY:" + summary + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  // Folds one content line at 75 octets between characters, as RFC 5545 §3.1 asks.
  static std::string fold(const std::string& line) {
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < line.size();) {
      const auto c = static_cast<unsigned char>(line[i]);
      const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      if (used + n > 75) {
        out += "\r\n ";
        used = 1;
      }
      out.append(line, i, n);
      used += n;
      i += n;
    }
    return out + "\r\n";
  }

  static bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

  static std::string own_calendar_name() {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
    return name;
  }

  static inline std::unique_ptr<test::RadicaleServer> server_;
  ManualClock clock_;
  std::mutex waits_mutex_;
  std::vector<std::chrono::milliseconds> waits_;
  net::HttpClient http_;
  plugin_host::HostServices services_;
  plugin_host::PluginCatalog catalog_;
  std::string calendar_;  // this test's calendar name in every mentor's home
};

}  // namespace lobsync::caldav_test
