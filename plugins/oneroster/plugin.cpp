// oneroster: a roster source reading OneRoster CSV 1.1/1.2 bulk exports from a folder or .zip.
// See README.md for the settings and the mapping.
#include "reader.h"

#include <lobsync/plugin_sdk.hpp>

namespace {

using lobsync::sdk::Error;
using lobsync::sdk::Problems;
using nlohmann::json;
using oneroster::Settings;

// Reads the settings, reporting every problem with its JSON path; `settings` is filled as far
// as the values allow.
void parse_settings(const json& in, Settings& settings, Problems& problems) {
  if (!in.contains("path")) {
    problems.add("/path", "missing: the export folder or .zip file");
  } else if (!in["path"].is_string() || in["path"].get<std::string>().empty()) {
    problems.add("/path", "must be a non-empty string");
  } else {
    settings.path = in["path"].get<std::string>();
  }
  if (in.contains("encoding")) {
    auto encoding = in["encoding"].is_string() ? lobsync::sdk::parse_encoding_setting(in["encoding"].get<std::string>())
                                               : std::nullopt;
    if (encoding) settings.encoding = *encoding;
    else problems.add("/encoding", R"(must be "utf-8", "windows-1252" or "auto")");
  }
  if (in.contains("version")) {
    const auto& v = in["version"];
    if (v.is_string() && (v == "auto" || v == "1.1" || v == "1.2")) settings.version = v.get<std::string>();
    else problems.add("/version", R"(must be "auto", "1.1" or "1.2")");
  }
  if (in.contains("grade_years")) {
    const auto& g = in["grade_years"];
    if (g.is_string()) {
      if (g == "none") settings.grade_years.clear();
      else if (auto preset = oneroster::grade_preset(g.get<std::string>())) settings.grade_years = *preset;
      else problems.add("/grade_years", R"(must be "none", "us", "leerjaar" or an object like {"07": 1})");
    } else if (g.is_object()) {
      for (const auto& [grade, year] : g.items()) {
        if (year.is_number_integer() && year.get<int>() >= 1 && year.get<int>() <= 6) settings.grade_years[grade] = year.get<int>();
        else problems.add("/grade_years/" + grade, "must be a year from 1 to 6");
      }
    } else {
      problems.add("/grade_years", R"(must be "none", "us", "leerjaar" or an object like {"07": 1})");
    }
  }
  if (in.contains("middle_name")) {
    const auto& m = in["middle_name"];
    if (m == "prefix" || m == "ignore") settings.middle_name_is_prefix = m == "prefix";
    else problems.add("/middle_name", R"(must be "prefix" or "ignore")");
  }
}

class OneRoster final : public lobsync::sdk::Plugin {
 public:
  OneRoster(lobsync::sdk::Host& host, const json& settings) : host_(host) {
    Problems problems;
    parse_settings(settings, settings_, problems);
    if (!problems.items().empty()) {
      const auto& first = problems.items().front();
      throw Error(LOBSYNC_E_CONFIG, first.path + ": " + first.message);
    }
  }

  static void validate(const json& settings, Problems& problems) {
    Settings ignored;
    parse_settings(settings, ignored, problems);
  }

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
