// Declared settings, the whole of it: a plugin declares its settings once (settings_declaration.hpp)
// and gets from that declaration its validate_config hook, its settings read with defaults, the
// refusal of unknown keys and its table in `lobsync plugins --describe`. A plugin class opts in
// with one static member function:
//
//   static const lobsync::sdk::settings::Declaration& settings();
//
// and reads its settings in the constructor with `auto values = settings::parse(settings(), json)`.
#pragma once

#include <lobsync/settings_check.hpp>
#include <lobsync/settings_declaration.hpp>
#include <lobsync/settings_json.hpp>
#include <lobsync/settings_values.hpp>

namespace lobsync::sdk::settings {

// Everything `lobsync config check` reports: each declared setting, then the rules between
// settings; paths the plugin reads must exist.
inline void check(const Declaration& declaration, const nlohmann::json& settings, Problems& problems,
                  Depth depth = Depth::environment) {
  check_declared(declaration.settings, settings, depth, problems);
  if (!settings.is_object()) return;
  const Values values(declaration.settings, settings);
  for (const auto& rule : declaration.rules) rule(values, problems);
}

// The settings read for create(): checked as far as they say themselves (Depth::shape); any
// problem refuses the instance with Error(LOBSYNC_E_CONFIG) naming every one.
inline Values parse(const Declaration& declaration, const nlohmann::json& settings) {
  Problems problems;
  check(declaration, settings, problems, Depth::shape);
  problems.throw_if_any();
  return Values(declaration.settings, settings);
}

}  // namespace lobsync::sdk::settings
