// Checks settings against their declaration: one problem per bad key, with its JSON pointer
// relative to the settings, and every unknown key refused (with the name meant, when close).
#pragma once

#include <lobsync/dates.hpp>
#include <lobsync/did_you_mean.hpp>
#include <lobsync/settings_declaration.hpp>
#include <lobsync/url.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace lobsync::sdk::settings {

// How far a check looks. `shape` (on create) is what the settings themselves say: types,
// values, ranges. `environment` (lobsync config check, a reload) also looks at the machine:
// a path the plugin reads must exist. create() does not demand that, so a share mounted after
// the daemon started is still read when it is there.
enum class Depth { shape, environment };

namespace detail {

inline std::string child(const std::string& at, const std::string& key) {
  return (nlohmann::json::json_pointer(at) / key).to_string();
}

inline std::string quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += "\"" + values[i] + "\"";
  }
  return out;
}

inline std::string with_hint(std::string message, const Setting& s) {
  if (!s.problem_hint.empty()) message += " " + s.problem_hint;
  if (s.nullable) message += ", or null to switch it off";
  return message;
}

// The value an administrator wrote, in its allowed spelling ("UTF8" → "utf-8").
inline std::string canonical(const Setting& s, const std::string& written) {
  if (!s.spelling) return written;
  const std::string spelled = s.spelling(written);
  return spelled.empty() ? written : spelled;
}

inline bool is_secret_reference(const nlohmann::json& v) {
  return v.is_object() && v.size() == 1 && (v.contains("env") || v.contains("file")) && v.begin()->is_string() &&
         !v.begin()->get<std::string>().empty();
}

inline bool top_level_true(const nlohmann::json& root, const std::string& key) {
  return root.is_object() && root.contains(key) && root[key].is_boolean() && root[key].get<bool>();
}

inline std::string lower_scheme(std::string url) {
  for (char& c : url) {
    if (c == ':') break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return url;
}

inline std::string path_noun(PathUse use) {
  switch (use) {
    case PathUse::read_file: return "file name";
    case PathUse::read_file_or_folder: return "path";
    default: return "folder name";
  }
}

// Empty when a path the plugin reads is there; otherwise what is missing.
inline std::string check_path_exists(const std::string& path, PathUse use) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  switch (use) {
    case PathUse::read_folder:
      return std::filesystem::is_directory(status) ? "" : "no such folder: " + path;
    case PathUse::read_file:
      return std::filesystem::is_regular_file(status) ? "" : "no such file: " + path;
    case PathUse::read_file_or_folder:
      return std::filesystem::exists(status) ? "" : "no such folder or file: " + path;
    case PathUse::output_folder:
      return "";
  }
  return "";
}

struct Context {
  const nlohmann::json& root;  // the whole settings: switches and conditions name top-level keys
  Depth depth;
  Problems& problems;
};

inline void check_members(const nlohmann::json& object, const std::vector<Setting>& members, const std::string& at,
                          const std::string& noun, const Context& context);

// Empty when `v` has the declared type and value; otherwise the one problem to report.
inline std::string type_problem(const Setting& s, const nlohmann::json& v, const Context& context) {
  switch (s.type) {
    case Type::string:
    case Type::path: {
      if (!v.is_string() || v.get<std::string>().empty()) {
        if (!s.allowed.empty()) return with_hint("must be " + quoted_list(s.allowed), s);
        return with_hint(s.type == Type::path ? "must be a non-empty " + path_noun(s.path_use) : "must be a non-empty string", s);
      }
      if (!s.allowed.empty()) {
        const std::string value = canonical(s, v.get<std::string>());
        if (std::find(s.allowed.begin(), s.allowed.end(), value) == s.allowed.end()) {
          return with_hint("must be " + quoted_list(s.allowed), s);
        }
      }
      if (s.type == Type::path && context.depth == Depth::environment) return check_path_exists(v.get<std::string>(), s.path_use);
      return "";
    }
    case Type::integer: {
      const bool whole = v.is_number_integer();
      const long long n = whole ? v.get<long long>() : 0;
      if (whole && (!s.min || n >= *s.min) && (!s.max || n <= *s.max)) return "";
      if (s.min && s.max) return with_hint("must be an integer from " + std::to_string(*s.min) + " to " + std::to_string(*s.max), s);
      if (s.min) return with_hint("must be an integer of at least " + std::to_string(*s.min), s);
      if (s.max) return with_hint("must be an integer of at most " + std::to_string(*s.max), s);
      return with_hint("must be an integer", s);
    }
    case Type::boolean:
      return v.is_boolean() ? "" : "must be true or false";
    case Type::secret:
      // Never quote the value: it may be the secret itself, written into the config by mistake.
      return is_secret_reference(v) ? ""
                                     : R"(must be a secret reference: {"env":"NAME"} or {"file":"/path"}, not the secret itself)";
    case Type::time_zone:
      return v.is_string() && is_time_zone_name(v.get<std::string>())
                 ? ""
                 : "must be a time zone name of the tz database, e.g. Europe/Amsterdam";
    case Type::url: {
      if (!v.is_string()) return with_hint("must be a URL string", s);
      const std::string url = lower_scheme(v.get<std::string>());
      if (s.no_query && url.find_first_of("?#") != std::string::npos) return with_hint("must not contain a query or fragment", s);
      if (s.plaintext_switch.empty()) return check_base_url(url);
      return check_url_allowing_plaintext(url, top_level_true(context.root, s.plaintext_switch));
    }
    case Type::list:
      return v.is_array() ? "" : with_hint("must be a list", s);
    case Type::object:
      return v.is_object() ? "" : with_hint("must be an object", s);
  }
  return "";
}

// Whether `v` has the JSON type of the declared type (whatever its value).
inline bool has_json_type(const Setting& s, const nlohmann::json& v) {
  switch (s.type) {
    case Type::integer: return v.is_number_integer();
    case Type::boolean: return v.is_boolean();
    case Type::secret:
    case Type::object: return v.is_object();
    case Type::list: return v.is_array();
    default: return v.is_string();
  }
}

// Checks one present value and what it holds; false when it added a problem.
inline bool check_value(const Setting& s, const nlohmann::json& v, const std::string& at, const Context& context) {
  const std::size_t before = context.problems.items().size();
  if (v.is_null() && s.nullable) return true;
  if (s.alternative && !has_json_type(s, v) && has_json_type(*s.alternative, v)) {
    return check_value(*s.alternative, v, at, context);
  }
  if (auto why = type_problem(s, v, context); !why.empty()) {
    context.problems.add(at, why);
    return false;
  }
  if (s.type == Type::list) {
    for (std::size_t i = 0; i < v.size(); ++i) check_value(*s.item, v[i], at + "/" + std::to_string(i), context);
  } else if (s.type == Type::object && s.item) {
    for (const auto& [key, value] : v.items()) check_value(*s.item, value, child(at, key), context);
  } else if (s.type == Type::object) {
    check_members(v, s.members, at, s.key_noun, context);
  }
  if (context.problems.items().size() != before) return false;
  for (const auto& rule : s.checks) {
    if (auto why = rule(v); !why.empty()) {
      context.problems.add(at, why);
      return false;
    }
  }
  for (const auto& rule : s.inner_checks) rule(v, at, context.problems);
  return context.problems.items().size() == before;
}

inline std::string missing_message(const Setting& s, const nlohmann::json& object, const Context& context) {
  const std::string what = s.description.empty() ? "" : ": " + s.description;
  if (s.is_required) return "missing" + what;
  if (!s.required_when_key.empty() && context.root.is_object() && context.root.contains(s.required_when_key) &&
      context.root[s.required_when_key] == s.required_when_value) {
    return "missing (required when " + s.required_when_key + " is \"" + s.required_when_value + "\")" + what;
  }
  if (!s.paired_with.empty() && object.contains(s.paired_with)) return "missing (required with " + s.paired_with + ")";
  return "";
}

inline void check_unknown_keys(const nlohmann::json& object, const std::vector<Setting>& members, const std::string& at,
                               const std::string& noun, Problems& problems) {
  std::vector<std::string> known;
  for (const auto& m : members) known.push_back(m.key);
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string what = "unknown " + noun;
    if (auto meant = closest_name(key, known)) {
      problems.add(child(at, key), what + "; did you mean \"" + *meant + "\"?");
    } else {
      std::string names;
      for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
      problems.add(child(at, key), what + " (known: " + names + ")");
    }
  }
}

inline void check_members(const nlohmann::json& object, const std::vector<Setting>& members, const std::string& at,
                          const std::string& noun, const Context& context) {
  check_unknown_keys(object, members, at, noun, context.problems);
  for (const auto& m : members) {
    const std::string path = child(at, m.key);
    if (!object.contains(m.key)) {
      if (auto why = missing_message(m, object, context); !why.empty()) context.problems.add(path, why);
      continue;
    }
    check_value(m, object[m.key], path, context);
  }
}

}  // namespace detail

// Checks `settings` (a JSON object) against the declared settings, adding one problem per bad
// key. Rules between settings are run by check() in settings.hpp.
inline void check_declared(const std::vector<Setting>& declared, const nlohmann::json& settings, Depth depth,
                           Problems& problems) {
  if (!settings.is_object()) {
    problems.add("", "settings must be a JSON object");
    return;
  }
  detail::check_members(settings, declared, "", "setting", detail::Context{settings, depth, problems});
}

}  // namespace lobsync::sdk::settings
