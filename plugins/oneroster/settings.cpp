#include "settings.h"

#include <lobsync/encoding_setting.hpp>

namespace oneroster {

using namespace lobsync::sdk::settings;

const Declaration& declared_settings() {
  static const Declaration declaration{{
      path("path", PathUse::read_file_or_folder)
          .required()
          .describe("the export: a folder with the CSV files or a .zip of them (files at the root or in one subfolder)"),
      lobsync::sdk::encoding_setting("utf-8")
          .describe("OneRoster is UTF-8 by spec; use auto or windows-1252 only for a file re-saved by Excel"),
      text("version").one_of({"auto", "1.1", "1.2"}).default_to("auto")
          .describe("auto follows oneroster.version in manifest.csv; a fixed value must match it"),
      text("grade_years")
          .one_of({"none", "us", "leerjaar"})
          .or_instead(map("", integer("").range(1, 6)))
          .hint(R"((or an object like {"07": 1}))")
          .default_to("none")
          .describe("how grades becomes leerjaar 1-6: us maps 07…12 to 1…6, leerjaar maps 1…6 and 01…06, "
                    R"(an object maps any code ({"07": 1, "08": 2}))"),
      text("middle_name").one_of({"prefix", "ignore"}).default_to("prefix")
          .describe("Dutch exports put the tussenvoegsel (van, de) in middleName; ignore drops it"),
  }};
  return declaration;
}

Settings read_settings(const nlohmann::json& json) {
  const auto values = parse(declared_settings(), json);
  Settings settings;
  settings.path = values.path("path");
  settings.encoding = *lobsync::sdk::parse_encoding_setting(values.text("encoding"));
  settings.version = values.text("version");
  const auto& grades = values.raw("grade_years");
  if (grades.is_object()) {
    for (const auto& [grade, year] : grades.items()) settings.grade_years[grade] = year.get<int>();
  } else if (auto preset = grade_preset(values.text("grade_years"))) {
    settings.grade_years = *preset;  // "none" has no preset: no years
  }
  settings.middle_name_is_prefix = values.text("middle_name") == "prefix";
  return settings;
}

}  // namespace oneroster
