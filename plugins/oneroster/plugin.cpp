// oneroster: a roster source reading OneRoster CSV 1.1/1.2 bulk exports from a folder or .zip.
// See README.md for the settings and the mapping.
#include "reader.h"
#include "settings.h"

#include <lobsync/plugin_sdk.hpp>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;
using oneroster::Settings;

class OneRoster final : public lobsync::sdk::Plugin {
 public:
  OneRoster(lobsync::sdk::Host& host, const json& settings)
      : host_(host), settings_(oneroster::read_settings(settings)) {}

  static const lobsync::sdk::settings::Declaration& settings() { return oneroster::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "roster.read") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    if (request.contains("mode") && request["mode"] != "full") {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, "only {\"mode\": \"full\"} is supported");
    }
    oneroster::Reader(settings_, out, host_).run();
  }

  json health() override {
    std::error_code ec;
    const bool ok = std::filesystem::exists(settings_.path, ec);
    return {{"ok", ok}, {"path", settings_.path.string()}};
  }

 private:
  lobsync::sdk::Host& host_;
  Settings settings_;
};

}  // namespace

LOBSYNC_PLUGIN(OneRoster, "oneroster", "1.0.0", "Reads OneRoster CSV 1.1/1.2 bulk exports (folder or .zip) as a roster",
               LOBSYNC_CAP_ROSTER_SOURCE)
