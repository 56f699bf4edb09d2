// Declared settings: what a plugin accepts in its config, said once. From a declaration the SDK
// checks the settings (settings_check.hpp), reads them with defaults (settings_values.hpp) and
// tells the host what they are (settings_json.hpp) for `lobsync plugins --describe` and the
// plugin's README.
//
//   using namespace lobsync::sdk::settings;
//   static const Declaration declaration{{
//       text("host").required().describe("the SMTP server, e.g. smtp.office365.com"),
//       integer("port").range(1, 65535).default_to(587).describe("…"),
//       secret("password").together_with("username").describe("…"),
//   }, {/* rules between settings */}};
#pragma once

#include <lobsync/problems.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lobsync::sdk::settings {

enum class Type {
  string,     // a non-empty string
  integer,    // a whole number, optionally within a range
  boolean,    // true or false
  path,       // a non-empty string naming a file or folder (see PathUse)
  secret,     // a secret reference {"env":"NAME"} or {"file":"/path"}, never the secret itself
  time_zone,  // a zone name of the tz database, e.g. Europe/Amsterdam
  url,        // an https:// URL (plain http only to loopback, or with a plaintext switch)
  list,       // an array whose items follow `item`
  object      // an object with declared `members`, or of free keys whose values follow `item`
};

// What the plugin does with a path, which decides what `lobsync config check` demands of it.
enum class PathUse {
  read_folder,          // read from: the folder must exist
  read_file,            // read from: the file must exist
  read_file_or_folder,  // read from: a folder or a file (an archive) must exist
  output_folder         // written into: created when missing, so it need not exist yet
};

// Extra rule for one value that its type cannot say: empty when fine, else why not. Runs only
// when the value has the declared type.
using ValueCheck = std::function<std::string(const nlohmann::json& value)>;
// Extra rule that reports its own problems, with paths below `at` (nested values).
using InnerCheck = std::function<void(const nlohmann::json& value, const std::string& at, Problems& problems)>;
// Maps a spelling an administrator may write ("UTF8") to one of the allowed values, or "".
using Spelling = std::function<std::string(std::string_view written)>;

struct Setting {
  std::string key;  // empty for a list item or an object's free values
  Type type = Type::string;
  bool is_required = false;
  std::string required_when_key;  // required only while that setting has this value
  std::string required_when_value;
  std::string paired_with;  // given only together with that setting (user name and password)
  nlohmann::json default_value;  // null: no default
  std::string default_note;      // shown instead of a default that depends on other settings
  std::optional<long long> min;
  std::optional<long long> max;
  std::vector<std::string> allowed;  // string values allowed; empty: any
  Spelling spelling;
  bool nullable = false;  // null is allowed and means "switched off"
  PathUse path_use = PathUse::read_folder;
  std::string plaintext_switch;  // url: the boolean setting that allows plain http to any host
  bool no_query = false;         // url: a base address without ?query or #fragment
  std::string description;
  std::string problem_hint;  // appended to a type problem: "must be a list" + " of UUIDs"
  std::vector<ValueCheck> checks;
  std::vector<InnerCheck> inner_checks;
  std::shared_ptr<const Setting> item;  // list items; values of an object of free keys
  std::vector<Setting> members;         // an object's declared keys
  std::string key_noun = "key";  // what an object's keys are, for "unknown layout (known: …)"
  bool brief = false;  // the settings table shows one row for it; its README explains the members
  std::shared_ptr<const Setting> alternative;  // another form the value may take instead (a
                                               // preset name, or an object spelling it out)

  Setting&& required() && { is_required = true; return std::move(*this); }
  Setting&& required_when(std::string other, std::string value) && {
    required_when_key = std::move(other);
    required_when_value = std::move(value);
    return std::move(*this);
  }
  Setting&& together_with(std::string other) && { paired_with = std::move(other); return std::move(*this); }
  Setting&& default_to(nlohmann::json value) && { default_value = std::move(value); return std::move(*this); }
  Setting&& default_is(std::string note) && { default_note = std::move(note); return std::move(*this); }
  Setting&& range(long long low, long long high) && { min = low; max = high; return std::move(*this); }
  Setting&& one_of(std::vector<std::string> values, Spelling spelled = {}) && {
    allowed = std::move(values);
    spelling = std::move(spelled);
    return std::move(*this);
  }
  Setting&& or_null() && { nullable = true; return std::move(*this); }
  Setting&& plaintext_allowed_by(std::string switch_key) && { plaintext_switch = std::move(switch_key); return std::move(*this); }
  Setting&& without_query() && { no_query = true; return std::move(*this); }
  Setting&& describe(std::string text) && { description = std::move(text); return std::move(*this); }
  Setting&& hint(std::string text) && { problem_hint = std::move(text); return std::move(*this); }
  Setting&& check(ValueCheck rule) && { checks.push_back(std::move(rule)); return std::move(*this); }
  Setting&& check_inside(InnerCheck rule) && { inner_checks.push_back(std::move(rule)); return std::move(*this); }
  Setting&& keys_named(std::string noun) && { key_noun = std::move(noun); return std::move(*this); }
  Setting&& members_explained_elsewhere() && { brief = true; return std::move(*this); }
  // A value of the other form's JSON type is checked as that form (declared without a key).
  Setting&& or_instead(Setting other) && {
    alternative = std::make_shared<const Setting>(std::move(other));
    return std::move(*this);
  }
};

class Values;

// Rules between settings (a user name needs TLS, one of two keys must be given); they see the
// settings as read, with defaults, and add problems with the path of the setting to change.
using Rule = std::function<void(const Values& values, Problems& problems)>;

struct Declaration {
  Declaration(std::vector<Setting> declared, std::vector<Rule> between = {})
      : settings(std::move(declared)), rules(std::move(between)) {}
  std::vector<Setting> settings;
  std::vector<Rule> rules;
};

inline Setting make(std::string key, Type type) {
  Setting s;
  s.key = std::move(key);
  s.type = type;
  return s;
}

inline Setting text(std::string key) { return make(std::move(key), Type::string); }
inline Setting integer(std::string key) { return make(std::move(key), Type::integer); }
inline Setting boolean(std::string key) { return make(std::move(key), Type::boolean); }
inline Setting secret(std::string key) { return make(std::move(key), Type::secret); }
inline Setting time_zone(std::string key) { return make(std::move(key), Type::time_zone); }
inline Setting url(std::string key) { return make(std::move(key), Type::url); }
inline Setting path(std::string key, PathUse use) {
  Setting s = make(std::move(key), Type::path);
  s.path_use = use;
  return s;
}
// A list whose items are `item` (declared without a key, e.g. text("")).
inline Setting list(std::string key, Setting item) {
  Setting s = make(std::move(key), Type::list);
  s.item = std::make_shared<const Setting>(std::move(item));
  return s;
}
// An object with declared keys; unknown keys in it are refused like unknown settings.
inline Setting object(std::string key, std::vector<Setting> members) {
  Setting s = make(std::move(key), Type::object);
  s.members = std::move(members);
  return s;
}
// An object of free keys (calendar names, grades), each value following `item`.
inline Setting map(std::string key, Setting item) {
  Setting s = make(std::move(key), Type::object);
  s.item = std::make_shared<const Setting>(std::move(item));
  return s;
}

}  // namespace lobsync::sdk::settings
