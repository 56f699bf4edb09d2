#include "settings.hpp"

#include <lobsync/encoding_setting.hpp>

namespace magister {
namespace {

using namespace lobsync::sdk::settings;
using nlohmann::json;

// A file name, not a path: everything is read from the one folder.
std::string file_name_only(const json& value) {
  const std::string name = value.get<std::string>();
  return name.find('/') == std::string::npos && name != ".." ? "" : "must be a file name inside the folder, without '/'";
}

Setting file_setting(Table table, const std::optional<std::string>& default_name) {
  Setting s = text(std::string(table_key(table))).check(file_name_only);
  if (default_name) s.default_value = *default_name;
  // Students and staff are what a roster is made of; the others may be left unread.
  if (table == Table::students || table == Table::staff) return std::move(s).hint("(students and staff are always read)");
  return std::move(s).or_null();
}

Setting files_setting() {
  const Settings defaults;
  std::vector<Setting> members;
  for (Table t : kTables) members.push_back(file_setting(t, defaults.files[static_cast<std::size_t>(t)]));
  return object("files", std::move(members))
      .keys_named("file")
      .hint(R"(such as {"students": "leerlingen.csv"})")
      .describe(R"(file names in the folder; parents and mentors may be null (not read); "timetable": "rooster.csv" )"
                "(no default) for busy.read");
}

// columns.<table>.<field>: a column name, or null to leave an optional field unread.
Setting columns_setting() {
  std::vector<Setting> tables;
  for (Table t : kTables) {
    std::vector<Setting> fields;
    for (const Field& f : default_fields(t)) {
      Setting column = text(std::string(f.name)).default_to(std::string(f.column));
      fields.push_back(f.need == Need::key ? std::move(column).hint("(cannot be switched off: every record needs it)")
                                           : std::move(column).or_null());
    }
    tables.push_back(object(std::string(table_key(t)), std::move(fields)).keys_named("field"));
  }
  return object("columns", std::move(tables))
      .keys_named("table")
      .members_explained_elsewhere()
      .hint(R"(such as {"students": {"student_number": "stamnr_str"}})")
      .describe("column names per table and field, see Columns below; a field mapped to null is not read");
}

Setting layout(const char* key, bool required) {
  Setting s = text(key).or_null();
  return required ? std::move(s).required().describe("the name of the GetData layout, or null to read none")
                  : std::move(s).describe("the GetData layout of the timetable, for busy.read");
}

std::optional<std::string> name_or_null(const json& object, const std::string& key) {
  if (!object.contains(key) || !object[key].is_string()) return std::nullopt;
  return object[key].get<std::string>();
}

}  // namespace

const Declaration& declared_settings() {
  static const Declaration declaration{{
      text("mode").required().one_of({"swp", "files"})
          .describe("swp: the Medius/SWP webservice; files: exported CSV files"),
      url("url").required_when("mode", "swp").without_query()
          .hint("(the service address, e.g. https://school.swp.nl:8800/doc)")
          .describe("the service address without a query, e.g. https://school.swp.nl:8800/doc. Plain http:// only "
                    "for 127.0.0.1, ::1 or localhost (tests)"),
      text("username").required_when("mode", "swp").describe("the SWP user"),
      secret("password").required_when("mode", "swp").describe("the SWP password; one written in the config is refused"),
      object("layouts", {layout("parents", true), layout("mentors", true), layout("timetable", false)})
          .required_when("mode", "swp")
          .keys_named("layout")
          .describe("the GetData layouts; a table without one is not read, with a warning in the log"),
      integer("timeout_seconds").range(1, 600).default_to(120).describe("swp: per HTTP request"),
      path("folder", PathUse::read_folder).required_when("mode", "files").describe("where the exports are"),
      files_setting(),
      lobsync::sdk::encoding_setting("auto")
          .describe("auto: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252"),
      columns_setting(),
  }};
  return declaration;
}

bool has_timetable(const Settings& settings) {
  return settings.mode == Mode::swp ? settings.timetable_layout.has_value()
                                    : settings.files[static_cast<std::size_t>(Table::timetable)].has_value();
}

Settings read_settings(const json& s) {
  const auto values = parse(declared_settings(), s);
  Settings out;
  out.mode = values.text("mode") == "swp" ? Mode::swp : Mode::files;
  if (out.mode == Mode::swp) {
    out.url = values.text("url");
    out.username = values.text("username");
    out.password = values.raw("password");
    const json& layouts = values.raw("layouts");
    out.parents_layout = name_or_null(layouts, "parents");
    out.mentors_layout = name_or_null(layouts, "mentors");
    out.timetable_layout = name_or_null(layouts, "timetable");
    out.timeout_ms = values.integer("timeout_seconds") * 1000;
  } else {
    out.folder = values.path("folder");
    const json& files = values.raw("files");
    for (Table t : kTables) {
      const std::string key(table_key(t));
      if (files.is_object() && files.contains(key)) out.files[static_cast<std::size_t>(t)] = name_or_null(files, key);
    }
  }
  out.encoding = *lobsync::sdk::parse_encoding_setting(values.text("encoding"));
  const json& columns = values.raw("columns");
  for (Table t : kTables) {
    const std::string key(table_key(t));
    if (!columns.is_object() || !columns.contains(key)) continue;
    for (const auto& [field, column] : columns[key].items()) columns_of(out.columns, t)[field] = name_or_null(columns[key], field);
  }
  return out;
}

}  // namespace magister
