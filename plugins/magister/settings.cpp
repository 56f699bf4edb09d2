#include "settings.hpp"

#include <lobsync/url.hpp>

#include <algorithm>
#include <cctype>

namespace magister {
namespace {

using lobsync::sdk::Problems;
using nlohmann::json;

bool is_secret_reference(const json& v) {
  return v.is_object() && v.size() == 1 &&
         ((v.contains("env") && v["env"].is_string()) || (v.contains("file") && v["file"].is_string()));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A required, non-empty string setting.
std::string text(const json& s, const char* key, Problems& problems) {
  if (!s.contains(key)) {
    problems.add(std::string("/") + key, "missing");
    return {};
  }
  if (!s[key].is_string() || s[key].get<std::string>().empty()) {
    problems.add(std::string("/") + key, "must be a non-empty string");
    return {};
  }
  return s[key].get<std::string>();
}

// {"<name>": "text" | null}: a present string, or nullopt for null (switched off).
std::optional<std::string> name_or_null(const json& v, const std::string& path, Problems& problems) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string() && !v.get<std::string>().empty()) return v.get<std::string>();
  problems.add(path, "must be a non-empty string, or null to skip it");
  return std::nullopt;
}

void read_swp(const json& s, Settings& out, Problems& problems) {
  out.url = text(s, "url", problems);
  if (!out.url.empty()) {
    const std::string u = lower(out.url);
    if (out.url.find('?') != std::string::npos || out.url.find('#') != std::string::npos) {
      problems.add("/url", "must be the service address without a query, e.g. https://school.swp.nl:8800/doc");
    } else if (const auto why = lobsync::sdk::check_base_url(u); !why.empty()) {
      problems.add("/url", why);
    }
  }
  out.username = text(s, "username", problems);
  if (!s.contains("password")) {
    problems.add("/password", R"(missing; use a secret reference: {"env": "NAME"} or {"file": "/path"})");
  } else if (!is_secret_reference(s["password"])) {
    // Never echo the value: it may be the password itself.
    problems.add("/password", R"(must be a secret reference ({"env": "NAME"} or {"file": "/path"}), not the password itself)");
  } else {
    out.password = s["password"];
  }
  if (!s.contains("layouts") || !s["layouts"].is_object()) {
    problems.add("/layouts", R"(missing; an object {"parents": "<GetData layout>", "mentors": "<GetData layout>"})");
  } else {
    const json& layouts = s["layouts"];
    for (const auto& [key, value] : layouts.items()) {
      if (key != "parents" && key != "mentors" && key != "timetable") {
        problems.add("/layouts/" + key, "unknown layout (known: parents, mentors, timetable)");
      }
    }
    if (layouts.contains("timetable")) out.timetable_layout = name_or_null(layouts["timetable"], "/layouts/timetable", problems);
    for (const char* key : {"parents", "mentors"}) {
      const std::string path = std::string("/layouts/") + key;
      if (!layouts.contains(key)) {
        problems.add(path, "missing; the name of the GetData layout, or null to read none");
        continue;
      }
      auto name = name_or_null(layouts[key], path, problems);
      (std::string_view(key) == "parents" ? out.parents_layout : out.mentors_layout) = name;
    }
  }
  if (s.contains("timeout_seconds")) {
    const json& t = s["timeout_seconds"];
    if (!t.is_number_integer() || t.get<int>() < 1 || t.get<int>() > 600) {
      problems.add("/timeout_seconds", "must be a whole number of seconds from 1 to 600");
    } else {
      out.timeout_ms = t.get<int>() * 1000;
    }
  }
}

void read_files(const json& s, Settings& out, Problems& problems) {
  out.folder = text(s, "folder", problems);
  if (!s.contains("files")) return;
  if (!s["files"].is_object()) {
    problems.add("/files", "must be an object such as {\"students\": \"leerlingen.csv\"}");
    return;
  }
  for (const auto& [key, value] : s["files"].items()) {
    bool known = false;
    for (Table t : kTables) {
      if (table_key(t) != key) continue;
      known = true;
      const std::string path = "/files/" + key;
      auto name = name_or_null(value, path, problems);
      if (!name && (t == Table::students || t == Table::staff) && value.is_null()) {
        problems.add(path, "students and staff are always read");
      }
      // A file name, not a path: everything is read from the one folder.
      if (name && (name->find('/') != std::string::npos || *name == "..")) {
        problems.add(path, "must be a file name inside the folder, without '/'");
      }
      out.files[static_cast<std::size_t>(t)] = name;
    }
    if (!known) problems.add("/files/" + key, "unknown file (known: " + table_keys() + ")");
  }
}

void read_columns(const json& s, Settings& out, Problems& problems) {
  if (!s.contains("columns")) return;
  if (!s["columns"].is_object()) {
    problems.add("/columns", "must be an object such as {\"students\": {\"student_number\": \"stamnr_str\"}}");
    return;
  }
  for (const auto& [table_name, fields] : s["columns"].items()) {
    const std::string base = "/columns/" + table_name;
    const Table* table = nullptr;
    for (const Table& t : kTables) {
      if (table_key(t) == table_name) table = &t;
    }
    if (table == nullptr) {
      problems.add(base, "unknown table (known: " + table_keys() + ")");
      continue;
    }
    if (!fields.is_object()) {
      problems.add(base, "must be an object of field: column name");
      continue;
    }
    for (const auto& [field, column] : fields.items()) {
      const Field* known = find_field(*table, field);
      if (known == nullptr) {
        std::string names;
        for (const auto& f : default_fields(*table)) names += (names.empty() ? "" : ", ") + std::string(f.name);
        problems.add(base + "/" + field, "unknown field (known: " + names + ")");
        continue;
      }
      if (column.is_null() && known->need == Need::key) {
        problems.add(base + "/" + field, "cannot be switched off: every record needs it");
        continue;
      }
      columns_of(out.columns, *table)[field] = name_or_null(column, base + "/" + field, problems);
    }
  }
}

}  // namespace

bool has_timetable(const Settings& settings) {
  return settings.mode == Mode::swp ? settings.timetable_layout.has_value()
                                    : settings.files[static_cast<std::size_t>(Table::timetable)].has_value();
}

Settings read_settings(const json& s, Problems& problems) {
  Settings out;
  const std::string mode = s.contains("mode") && s["mode"].is_string() ? s["mode"].get<std::string>() : "";
  if (mode == "swp") {
    out.mode = Mode::swp;
    read_swp(s, out, problems);
  } else if (mode == "files") {
    out.mode = Mode::files;
    read_files(s, out, problems);
  } else {
    problems.add("/mode", R"(must be "swp" (the Medius/SWP webservice) or "files" (exported CSV files))");
  }
  if (s.contains("encoding")) {
    auto encoding = s["encoding"].is_string() ? lobsync::sdk::parse_encoding_setting(s["encoding"].get<std::string>())
                                              : std::nullopt;
    if (encoding) {
      out.encoding = *encoding;
    } else {
      problems.add("/encoding", R"(must be "auto", "utf-8" or "windows-1252")");
    }
  }
  read_columns(s, out, problems);
  static const std::vector<std::string> known{"mode",    "url",   "username", "password", "layouts", "timeout_seconds",
                                              "folder",  "files", "encoding", "columns"};
  for (const auto& [key, value] : s.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) problems.add("/" + key, "unknown setting");
  }
  return out;
}

}  // namespace magister
