#include "settings.hpp"

#include <lobsync/folder_output.hpp>

namespace dossier_files {

using namespace lobsync::sdk::settings;

const Declaration& declared_settings() {
  static const Declaration declaration{{
      lobsync::sdk::output_folder_setting(
          "where the student folders go (a path that cannot be created stops the instance at start, as a config error)"),
      boolean("html").default_to(true).describe("also write the HTML page"),
      time_zone("school_timezone").default_to("Europe/Amsterdam")
          .describe("the time zone the page shows times in (the host's school.timezone does not reach plugins)"),
  }};
  return declaration;
}

Settings parse_settings(const nlohmann::json& json) {
  const auto values = parse(declared_settings(), json);
  return Settings{values.text("folder"), values.boolean("html"), values.text("school_timezone")};
}

}  // namespace dossier_files
