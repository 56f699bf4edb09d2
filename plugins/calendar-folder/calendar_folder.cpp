// calendar-folder: a calendar writer that keeps one .ics file per event in a folder per
// calendar, for the demo and for calendars that import files. The host builds the iCalendar
// text; this plugin only stores and removes it.
#include <lobsync/folder_output.hpp>

#include <filesystem>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class CalendarFolder final : public lobsync::sdk::Plugin {
 public:
  CalendarFolder(lobsync::sdk::Host&, const json& settings)
      : folder_(lobsync::sdk::ensure_folder(lobsync::sdk::settings::parse(CalendarFolder::settings(), settings).path("folder"), "calendar folder")) {}

  static const lobsync::sdk::settings::Declaration& settings() {
    static const lobsync::sdk::settings::Declaration declaration{{lobsync::sdk::output_folder_setting("the root folder, one folder per calendar in it")}};
    return declaration;
  }

  // calendar.put {"calendar","uid","ics"} → {"stored": file}
  // calendar.delete {"calendar","uid"} → {"removed": bool}
  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    const auto file = event_file(request);
    if (operation == "calendar.put") {
      const auto ics = request.at("ics").get<std::string>();
      if (!ics.starts_with("BEGIN:VCALENDAR")) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "ics is not an iCalendar object");
      lobsync::sdk::write_file_atomically(file, ics);
      out.emit({{"stored", file.string()}});
    } else if (operation == "calendar.delete") {
      std::error_code ec;
      const bool removed = std::filesystem::remove(file, ec);
      out.emit({{"removed", removed}});
    } else {
      throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    }
  }

 private:
  std::filesystem::path event_file(const json& request) const {
    const auto calendar = request.at("calendar").get<std::string>();
    const auto uid = request.at("uid").get<std::string>();
    if (calendar.empty() || uid.empty()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "calendar and uid must not be empty");
    return folder_ / lobsync::sdk::safe_file_name(calendar) / (lobsync::sdk::safe_file_name(uid) + ".ics");
  }

  std::filesystem::path folder_;
};

}  // namespace

LOBSYNC_PLUGIN(CalendarFolder, "calendar-folder", "1.0.0", "Keeps one .ics file per event in a folder per calendar",
               LOBSYNC_CAP_CALENDAR_WRITER)
