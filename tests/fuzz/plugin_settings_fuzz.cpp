// Plugin settings as the administrator writes them in the config file, checked and read through
// each in-tree plugin's declaration (plugins/sdk/lobsync/settings*.hpp and the plugins'
// settings.cpp). The first byte picks the plugin; the rest is the settings' JSON text.
//
// Invariants: checking never throws; every problem's path is a JSON pointer, "" only for
// settings that are not an object, otherwise starting at a key the settings have or a declared
// one; every undeclared top-level key is refused at its own path; what create() checks (the
// shape) is also reported by config check; the plugin's reading code accepts exactly the
// settings whose shape has no problem, and throws only Error(LOBSYNC_E_CONFIG); a secret
// reference's value is never quoted in a message.
#include "fuzz_support.hpp"

#include "caldav/settings.hpp"
#include "dossier-files/settings.hpp"
#include "dossier-webhook/settings.hpp"
#include "magister/settings.hpp"
#include "oneroster/settings.h"
#include "smtp/settings.hpp"
#include "somtoday/settings.hpp"

#include <lobsync/folder_output.hpp>

#include <algorithm>
#include <functional>

namespace {

using lobsync::sdk::Problems;
using nlohmann::json;
namespace settings = lobsync::sdk::settings;

struct Plugin {
  const settings::Declaration& (*declaration)();
  std::function<void(const json&)> read;  // the plugin's own reading, as create() runs it
};

const settings::Declaration& output_folder() {
  static const settings::Declaration d{{lobsync::sdk::output_folder_setting("where the files go")}};
  return d;
}

const std::vector<Plugin>& plugins() {
  static const std::vector<Plugin> all{
      {caldav::declared_settings, [](const json& s) { (void)caldav::parse_settings(s); }},
      {dossier_files::declared_settings, [](const json& s) { (void)dossier_files::parse_settings(s); }},
      {dossier_webhook::declared_settings, [](const json& s) { (void)dossier_webhook::parse_settings(s); }},
      {magister::declared_settings, [](const json& s) { (void)magister::read_settings(s); }},
      {oneroster::declared_settings, [](const json& s) { (void)oneroster::read_settings(s); }},
      {smtp::declared_settings, [](const json& s) { (void)smtp::parse_settings(s); }},
      {somtoday::declared_settings, [](const json& s) { (void)somtoday::parse_settings(s); }},
      {output_folder, [](const json& s) { (void)settings::parse(output_folder(), s).path("folder"); }},
  };
  return all;
}

std::string listed(const Problems& problems) {
  std::string out;
  for (const auto& p : problems.items()) out += p.path + ": " + p.message + "\n";
  return out;
}

bool declared(const settings::Declaration& d, const std::string& key) {
  return std::any_of(d.settings.begin(), d.settings.end(), [&](const settings::Setting& s) { return s.key == key; });
}

// The secrets written inline: a marker that appears once in the input and sits in a value of a
// secret setting must not come back in a message.
void check_secrets_not_quoted(const settings::Declaration& d, const json& s, std::string_view text, const Problems& problems) {
  static constexpr std::string_view marker = "S3CR3T";
  const auto first = text.find(marker);
  if (first == std::string_view::npos || text.find(marker, first + 1) != std::string_view::npos || !s.is_object()) return;
  for (const auto& setting : d.settings) {
    if (setting.type != settings::Type::secret || !s.contains(setting.key)) continue;
    if (s[setting.key].dump().find(marker) == std::string::npos) continue;
    for (const auto& p : problems.items()) {
      fuzz::check(p.message.find(marker) == std::string::npos, "a secret's value is quoted in a message", listed(problems));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const Plugin& plugin = plugins()[data[0] % plugins().size()];
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  const json s = json::parse(text, nullptr, false);
  if (s.is_discarded()) return 0;
  const auto& d = plugin.declaration();

  Problems shape, full;
  settings::check(d, s, shape, settings::Depth::shape);
  settings::check(d, s, full, settings::Depth::environment);

  for (const auto& p : full.items()) {
    if (p.path.empty()) {
      fuzz::check(!s.is_object(), "an empty path for settings that are an object", listed(full));
      continue;
    }
    fuzz::check(p.path.front() == '/', "a problem path is not a JSON pointer", p.path);
    json::json_pointer pointer(p.path);  // throws (and the fuzzer reports it) when malformed
    std::string first = p.path.substr(1, p.path.find('/', 1) == std::string::npos ? std::string::npos : p.path.find('/', 1) - 1);
    first = json::json_pointer("/" + first).back();
    fuzz::check(s.contains(first) || declared(d, first), "a problem names a key neither given nor declared", p.path);
  }
  if (s.is_object()) {
    for (const auto& [key, value] : s.items()) {
      if (declared(d, key)) continue;
      const std::string path = (json::json_pointer() / key).to_string();
      const bool refused = std::any_of(full.items().begin(), full.items().end(), [&](const Problems::Item& p) {
        return p.path == path && p.message.starts_with("unknown setting");
      });
      fuzz::check(refused, "an undeclared key is not refused", path + "\n" + listed(full));
    }
  }
  for (const auto& p : shape.items()) {
    const bool also = std::any_of(full.items().begin(), full.items().end(), [&](const Problems::Item& q) {
      return q.path == p.path && q.message == p.message;
    });
    fuzz::check(also, "config check misses a problem create() finds", p.path + ": " + p.message);
  }
  check_secrets_not_quoted(d, s, text, full);

  bool read = false;
  try {
    plugin.read(s);
    read = true;
  } catch (const lobsync::sdk::Error& e) {
    fuzz::check(e.status() == LOBSYNC_E_CONFIG, "reading settings fails with another status than CONFIG", e.what());
  }
  fuzz::check(read == shape.empty(), read ? "settings with problems were read" : "settings without problems were refused",
              listed(shape));
  return 0;
}
