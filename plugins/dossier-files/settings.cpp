#include "settings.hpp"

#include <date/tz.h>

namespace dossier_files {

using lobsync::sdk::Problems;
using nlohmann::json;

namespace {

bool is_time_zone(const json& v) {
  if (!v.is_string()) return false;
  try {
    (void)date::locate_zone(v.get<std::string>());
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

void validate_settings(const json& s, Problems& problems) {
  for (const auto& [key, value] : s.items()) {
    if (key != "folder" && key != "html" && key != "school_timezone") {
      problems.add("/" + key, "unknown setting (known: folder, html, school_timezone)");
    }
  }
  if (!s.contains("folder")) {
    problems.add("/folder", "missing: the folder to write the dossier files into");
  } else if (!s["folder"].is_string() || s["folder"].get<std::string>().empty()) {
    problems.add("/folder", "must be a non-empty folder name");
  }
  if (s.contains("html") && !s["html"].is_boolean()) problems.add("/html", "must be true or false");
  if (s.contains("school_timezone") && !is_time_zone(s["school_timezone"])) {
    problems.add("/school_timezone", "must be a time zone name of the tz database, e.g. Europe/Amsterdam");
  }
}

Settings parse_settings(const json& s) {
  Problems problems;
  validate_settings(s, problems);
  problems.throw_if_any();
  Settings out;
  out.folder = s["folder"].get<std::string>();
  out.html = s.value("html", true);
  out.school_timezone = s.value("school_timezone", std::string(kDefaultSchoolTimezone));
  return out;
}

}  // namespace dossier_files
