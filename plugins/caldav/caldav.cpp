// caldav: writes the host's finished iCalendar objects into mentors' CalDAV calendars and reads
// their busy time. The host builds every object; this plugin only stores, removes and reads.
#include "busy_read.hpp"
#include "calendar_write.hpp"
#include "dav_client.hpp"
#include "settings.hpp"

#include <lobsync/base64.hpp>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

std::string authorization(const lobsync::sdk::Host& host, const caldav::Settings& settings) {
  if (settings.username.empty()) return {};
  return lobsync::sdk::basic_authorization(settings.username, host.secret(settings.password));
}

class CalDav final : public lobsync::sdk::Plugin {
 public:
  CalDav(lobsync::sdk::Host& host, const json& settings)
      : settings_(caldav::parse_settings(settings)),
        client_(host, authorization(host, settings_), settings_.timeout_seconds, settings_.max_attempts),
        writer_(settings_, client_),
        busy_(settings_, client_, date::locate_zone(settings_.school_timezone)) {}

  static const lobsync::sdk::settings::Declaration& settings() { return caldav::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation == "calendar.put") {
      out.emit(writer_.put(request));
    } else if (operation == "calendar.delete") {
      out.emit(writer_.remove(request));
    } else if (operation == "busy.read") {
      busy_.read(request, out);
    } else {
      throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    }
  }

  // No network: a health check every few seconds must not become load on the school's server.
  json health() override { return {{"ok", true}, {"host", settings_.host()}, {"probe", "none"}}; }

 private:
  caldav::Settings settings_;
  caldav::DavClient client_;
  caldav::CalendarWriter writer_;
  caldav::BusyReader busy_;
};

}  // namespace

LOBSYNC_PLUGIN(CalDav, "caldav", "1.0.0", "Writes events into CalDAV calendars and reads busy time from them",
               LOBSYNC_CAP_CALENDAR_WRITER | LOBSYNC_CAP_BUSY_SOURCE)
