#include "plugin_host/settings_table.h"

#include <algorithm>

namespace lobsync::plugin_host {
namespace {

using nlohmann::json;

std::string text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::string type_text(const json& s) {
  const std::string type = text_of(s, "type");
  std::string out = type;
  if (type == "path") {
    const std::string use = text_of(s, "path_use");
    if (use == "read_folder") out = "folder (must exist)";
    else if (use == "read_file") out = "file (must exist)";
    else if (use == "read_file_or_folder") out = "folder or file (must exist)";
    else out = "folder (created)";
  } else if (type == "secret") {
    out = "secret reference";
  } else if (type == "time_zone") {
    out = "time zone";
  } else if (type == "url") {
    out = "URL";
  } else if (type == "list" && s.contains("item")) {
    out = "list of " + type_text(s["item"]);
  } else if (type == "object" && s.contains("item")) {
    out = "object of " + type_text(s["item"]);
  }
  if (s.contains("alternative") && s["alternative"].is_object()) out += " or " + type_text(s["alternative"]);
  if (s.value("nullable", false)) out += " or null";
  return out;
}

std::string requirement_text(const json& s) {
  if (s.value("required", false)) return "required";
  std::vector<std::string> parts;
  if (s.contains("required_when") && s["required_when"].is_object()) {
    parts.push_back("required when " + text_of(s["required_when"], "key") + " is \"" +
                    text_of(s["required_when"], "value") + "\"");
  }
  if (s.contains("together_with")) parts.push_back("required with " + text_of(s, "together_with"));
  if (s.contains("default_note")) {
    parts.push_back("default " + text_of(s, "default_note"));
  } else if (s.contains("default")) {
    parts.push_back("default " + s["default"].dump());
  }
  if (parts.empty()) return "optional";
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string limits_text(const json& s) {
  std::vector<std::string> parts;
  const bool has_min = s.contains("min") && s["min"].is_number_integer();
  const bool has_max = s.contains("max") && s["max"].is_number_integer();
  if (has_min && has_max) parts.push_back(s["min"].dump() + " to " + s["max"].dump());
  else if (has_min) parts.push_back("at least " + s["min"].dump());
  else if (has_max) parts.push_back("at most " + s["max"].dump());
  if (s.contains("values") && s["values"].is_array()) {
    std::string values;
    for (const auto& v : s["values"]) values += (values.empty() ? "" : ", ") + v.dump();
    parts.push_back(values);
  }
  if (text_of(s, "type") == "url") {
    std::string schemes = "https://";
    if (s.contains("plaintext_switch")) schemes += "; http:// with " + text_of(s, "plaintext_switch");
    parts.push_back(schemes);
  }
  if (s.value("no_query", false)) parts.push_back("no query");
  if (s.contains("item") && s["item"].is_object()) {
    if (auto inner = limits_text(s["item"]); !inner.empty()) parts.push_back("each " + inner);
  }
  if (s.contains("alternative") && s["alternative"].is_object()) {
    if (auto other = limits_text(s["alternative"]); !other.empty()) parts.push_back("or " + other);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void add_rows(const json& declared, const std::string& prefix, std::vector<SettingRow>& rows) {
  if (!declared.is_array()) return;
  for (const auto& s : declared) {
    if (!s.is_object() || !s.contains("key")) continue;
    SettingRow row{prefix + text_of(s, "key"), type_text(s), requirement_text(s), limits_text(s), text_of(s, "description")};
    if (s.contains("item") && s["item"].is_object()) {
      const std::string item = text_of(s["item"], "description");
      if (!item.empty()) row.description += (row.description.empty() ? "" : "; ") + ("each: " + item);
    }
    rows.push_back(std::move(row));
    if (s.contains("members") && !s.value("brief", false)) add_rows(s["members"], prefix + text_of(s, "key") + ".", rows);
  }
}

// A pipe inside a cell would end it.
std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::vector<SettingRow> settings_rows(const json& declared) {
  std::vector<SettingRow> rows;
  add_rows(declared, "", rows);
  return rows;
}

std::string settings_text(const std::vector<SettingRow>& rows) {
  SettingRow header{"setting", "type", "required / default", "range / values", "description"};
  std::size_t widths[4] = {header.key.size(), header.type.size(), header.requirement.size(), header.limits.size()};
  for (const auto& r : rows) {
    widths[0] = std::max(widths[0], r.key.size());
    widths[1] = std::max(widths[1], r.type.size());
    widths[2] = std::max(widths[2], r.requirement.size());
    widths[3] = std::max(widths[3], r.limits.size());
  }
  auto line = [&](const SettingRow& r) {
    std::string out;
    const std::string* cells[4] = {&r.key, &r.type, &r.requirement, &r.limits};
    for (std::size_t i = 0; i < 4; ++i) out += *cells[i] + std::string(widths[i] - cells[i]->size() + 2, ' ');
    out += r.description;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string settings_markdown(const std::vector<SettingRow>& rows) {
  std::string out = "| setting | type | required / default | range / values | description |\n|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    out += "| `" + r.key + "` | " + markdown_cell(r.type) + " | " + markdown_cell(r.requirement) + " | " +
           markdown_cell(r.limits) + " | " + markdown_cell(r.description) + " |\n";
  }
  return out;
}

}  // namespace lobsync::plugin_host
