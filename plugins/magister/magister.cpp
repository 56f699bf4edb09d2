// magister: a roster source for Magister, read from the Medius/SWP webservice ("swp") or from
// exported CSV files in a folder ("files"). Both feed the same CSV mapping; see README.md.
// busy.read reads teachers' lessons from a timetable export or layout (busy_reader.hpp).
#include "busy_reader.hpp"
#include "roster_builder.hpp"
#include "settings.hpp"
#include "sources.hpp"

#include <lobsync/plugin_sdk.hpp>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class Magister final : public lobsync::sdk::Plugin {
 public:
  Magister(lobsync::sdk::Host& host, const json& settings)
      : host_(host), settings_(magister::read_settings(settings)) {}

  static const lobsync::sdk::settings::Declaration& settings() { return magister::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& emitter) override {
    if (operation == "busy.read") {
      magister::read_busy(host_, settings_, request, emitter);
      return;
    }
    if (operation != "roster.read") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    if (request.value("mode", std::string("full")) != "full") {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, "only full roster reads are supported");
    }
    using magister::Table;
    const auto sources =
        magister::load_sources(host_, settings_, {Table::students, Table::staff, Table::parents, Table::mentors});
    magister::Output out(emitter);
    magister::RosterBuilder builder(out);
    read(sources, Table::students, out, [&](const auto& row) { builder.student(row); });
    builder.students_done();
    read(sources, Table::staff, out, [&](const auto& row) { builder.staff(row); });
    read(sources, Table::parents, out, [&](const auto& row) { builder.parent(row); });
    read(sources, Table::mentors, out, [&](const auto& row) { builder.mentor(row); });
    builder.finish();
    host_.info("roster read: " + out.summary());
  }

  json health() override {
    if (settings_.mode == magister::Mode::swp) return {{"ok", true}, {"mode", "swp"}};
    std::error_code ec;
    return {{"ok", std::filesystem::is_directory(settings_.folder, ec)}, {"mode", "files"},
            {"folder", settings_.folder.string()}};
  }

 private:
  void read(const magister::Sources& sources, magister::Table table, magister::Output& out,
            const std::function<void(const magister::Row&)>& each) {
    const auto& source = sources[static_cast<std::size_t>(table)];
    if (!source) {
      host_.warn(std::string(magister::table_key(table)) + " not read: switched off in the settings");
      return;
    }
    magister::CsvTable csv(*source, table, magister::columns_of(settings_.columns, table), settings_.encoding);
    const std::string encoding = csv.read(out, each);
    std::string absent;
    for (const auto& c : csv.absent_optional()) absent += (absent.empty() ? "" : ", ") + c;
    host_.debug(source->name + " read as " + encoding + (absent.empty() ? "" : "; optional columns not present: " + absent));
  }

  lobsync::sdk::Host& host_;
  magister::Settings settings_;
};

}  // namespace

LOBSYNC_PLUGIN(Magister, "magister", "1.1.0",
               "Reads the roster and teachers' lessons from Magister (SWP webservice or CSV exports)",
               LOBSYNC_CAP_ROSTER_SOURCE | LOBSYNC_CAP_BUSY_SOURCE)
