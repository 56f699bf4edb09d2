// zermelo: a busy source for schools whose timetable is made in Zermelo. Reads teachers'
// appointments from the school's portal (REST API v3, an API token) and hands lessons, exams and
// other appointments that take place to the planner as busy times; see README.md.
#include "busy_reader.hpp"
#include "settings.hpp"

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class Zermelo final : public lobsync::sdk::Plugin {
 public:
  Zermelo(lobsync::sdk::Host& host, const json& settings) : host_(host), settings_(zermelo::parse_settings(settings)) {}

  static const lobsync::sdk::settings::Declaration& settings() { return zermelo::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "busy.read") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    zermelo::read_busy(host_, settings_, request, out);
  }

  // No network: a health check every few seconds must not become load on the school's portal.
  json health() override { return {{"ok", true}, {"portal", settings_.portal_url}, {"probe", "none"}}; }

 private:
  lobsync::sdk::Host& host_;
  zermelo::Settings settings_;
};

}  // namespace

LOBSYNC_PLUGIN(Zermelo, "zermelo", "1.0.0", "Reads teachers' busy times from the Zermelo timetable portal (REST API v3)",
               LOBSYNC_CAP_BUSY_SOURCE)
