// dossier-files: a dossier sink that writes each final conversation record version as a JSON
// file and a readable HTML page into a folder per student, for schools that upload records by
// hand or let another system watch a share. Magister and Somtoday publish no API to write a
// dossier, so files (and the webhook sink) are how records leave lobsync.
#include "record_html.hpp"
#include "settings.hpp"

#include <lobsync/dossier_record.hpp>
#include <lobsync/folder_output.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;
namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class DossierFiles final : public lobsync::sdk::Plugin {
 public:
  DossierFiles(lobsync::sdk::Host& host, const json& settings)
      : host_(host),
        settings_(dossier_files::parse_settings(settings)),
        folder_(lobsync::sdk::ensure_folder(settings_.folder, "dossier folder")),
        zone_(date::locate_zone(settings_.school_timezone)) {}

  static const lobsync::sdk::settings::Declaration& settings() { return dossier_files::declared_settings(); }

  // dossier.push → {"duplicate": bool, "json": "<student>/<id>-v<n>.json", "html": "…"}
  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "dossier.push") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    const auto push = lobsync::sdk::dossier::check_push_request(request);
    // A student without a number in the source still gets a folder of their own.
    const fs::path student = lobsync::sdk::safe_file_name(push.student_number.empty() ? push.student_key : push.student_number);
    const std::string base = lobsync::sdk::safe_file_name(push.record_id + "-v" + std::to_string(push.version));
    const fs::path json_file = student / (base + ".json");
    const fs::path html_file = student / (base + ".html");
    const std::string content = push.record->dump(2) + "\n";

    json result = {{"json", json_file.generic_string()}};
    if (settings_.html) result["html"] = html_file.generic_string();
    // The JSON file is written last, so its presence means the version is complete: a push
    // repeated after a crash between the two writes writes both again.
    std::error_code ec;
    if (fs::exists(folder_ / json_file, ec)) {
      if (read_text(folder_ / json_file) != content) {
        host_.warn("record " + push.record_id + " v" + std::to_string(push.version) +
                   " arrived again with other content; the file written first is kept");
      }
      result["duplicate"] = true;
      out.emit(result);
      return;
    }
    if (settings_.html) {
      lobsync::sdk::write_file_atomically(folder_ / html_file, dossier_files::render_record_html(*push.record, zone_));
    }
    lobsync::sdk::write_file_atomically(folder_ / json_file, content);
    result["duplicate"] = false;
    out.emit(result);
  }

  json health() override {
    std::error_code ec;
    return {{"ok", fs::is_directory(folder_, ec)}, {"folder", folder_.string()}};
  }

 private:
  lobsync::sdk::Host& host_;
  dossier_files::Settings settings_;
  fs::path folder_;
  const date::time_zone* zone_;
};

}  // namespace

LOBSYNC_PLUGIN(DossierFiles, "dossier-files", "1.0.0",
               "Writes each final conversation record as a JSON file and an HTML page per student",
               LOBSYNC_CAP_DOSSIER_SINK)
