// A well-formed plugin built with the C++ SDK that exercises every host service, plus variants
// that fail at creation or throw during a call. Used by the plugin-host tests.
#include <lobsync/plugin_sdk.hpp>

#include <stdexcept>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class TestPlugin final : public lobsync::sdk::Plugin {
 public:
  TestPlugin(lobsync::sdk::Host& host, const json& settings) : host_(host), settings_(settings) {
#if defined(VARIANT_INIT_FAILS)
    throw Error(LOBSYNC_E_CONFIG, "cannot reach the configured server");
#endif
  }

  static void validate(const json& settings, lobsync::sdk::Problems& problems) {
    if (settings.contains("count") && !settings["count"].is_number_integer()) {
      problems.add("/count", "must be a whole number");
    }
  }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation == "roster.read") {
      // Streams `count` documents, one emit each.
      const int count = settings_.value("count", 3);
      for (int i = 0; i < count; ++i) out.emit({{"kind", "student"}, {"source_id", std::to_string(i)}});
    } else if (operation == "mail.send") {
      if (request.value("throw", false)) throw std::runtime_error("plugin bug");
      host_.info("sending " + request.value("subject", std::string()));
      out.emit({{"now_ms", host_.now_unix_ms()}});
    } else if (operation == "busy.read") {
      out.emit({{"secret_length", host_.secret(settings_.at("token")).size()}});
    } else if (operation == "calendar.put") {
      auto response = host_.http({{"method", "GET"}, {"url", request.at("url")}, {"max_attempts", 1}});
      out.emit({{"status", response.status}, {"body", response.body}, {"error", response.error}});
    } else {
      throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    }
  }

 private:
  lobsync::sdk::Host& host_;
  json settings_;
};

}  // namespace

LOBSYNC_PLUGIN(TestPlugin, PLUGIN_NAME, "1.2.3", "Test plugin for the host's tests",
               LOBSYNC_CAP_ROSTER_SOURCE | LOBSYNC_CAP_MAILER | LOBSYNC_CAP_BUSY_SOURCE | LOBSYNC_CAP_CALENDAR_WRITER)
