// A declaration as JSON, the form that crosses the ABI (descriptor member settings_json) so the
// host can show a plugin's settings (`lobsync plugins --describe`) without knowing the plugin.
// One object per setting, only the members that apply:
//   {"key":"port","type":"integer","required":false,"default":587,"min":1,"max":65535,
//    "description":"…"}
// plus "default_note", "values", "nullable", "brief" (members explained in the README), "path_use", "plaintext_switch", "no_query",
// "required_when":{"key","value"}, "together_with", "item" (a setting without key), "members"
// and "alternative" (another form the value may take, a setting without key).
#pragma once

#include <lobsync/settings_declaration.hpp>

namespace lobsync::sdk::settings {

inline const char* type_name(Type type) {
  switch (type) {
    case Type::string: return "string";
    case Type::integer: return "integer";
    case Type::boolean: return "boolean";
    case Type::path: return "path";
    case Type::secret: return "secret";
    case Type::time_zone: return "time_zone";
    case Type::url: return "url";
    case Type::list: return "list";
    case Type::object: return "object";
  }
  return "string";
}

inline const char* path_use_name(PathUse use) {
  switch (use) {
    case PathUse::read_folder: return "read_folder";
    case PathUse::read_file: return "read_file";
    case PathUse::read_file_or_folder: return "read_file_or_folder";
    case PathUse::output_folder: return "output_folder";
  }
  return "read_folder";
}

inline nlohmann::json to_json(const Setting& s) {
  nlohmann::json j = nlohmann::json::object();
  if (!s.key.empty()) j["key"] = s.key;
  j["type"] = type_name(s.type);
  j["required"] = s.is_required;
  if (!s.required_when_key.empty()) j["required_when"] = {{"key", s.required_when_key}, {"value", s.required_when_value}};
  if (!s.paired_with.empty()) j["together_with"] = s.paired_with;
  if (!s.default_value.is_null()) j["default"] = s.default_value;
  if (!s.default_note.empty()) j["default_note"] = s.default_note;
  if (s.min) j["min"] = *s.min;
  if (s.max) j["max"] = *s.max;
  if (!s.allowed.empty()) j["values"] = s.allowed;
  if (s.nullable) j["nullable"] = true;
  if (s.type == Type::path) j["path_use"] = path_use_name(s.path_use);
  if (!s.plaintext_switch.empty()) j["plaintext_switch"] = s.plaintext_switch;
  if (s.no_query) j["no_query"] = true;
  if (!s.description.empty()) j["description"] = s.description;
  if (s.item) j["item"] = to_json(*s.item);
  if (s.alternative) j["alternative"] = to_json(*s.alternative);
  if (s.brief) j["brief"] = true;
  if (!s.members.empty()) {
    j["members"] = nlohmann::json::array();
    for (const auto& m : s.members) j["members"].push_back(to_json(m));
  }
  return j;
}

inline nlohmann::json to_json(const std::vector<Setting>& declared) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : declared) out.push_back(to_json(s));
  return out;
}

}  // namespace lobsync::sdk::settings
