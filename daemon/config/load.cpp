#include "config/load.h"

#include "config/json_pointer.h"
#include "config/assignments_load.h"
#include "core/json_parse.h"
#include "core/time_zone.h"
#include "config/notices_load.h"
#include "config/organisations_load.h"
#include "config/planning_load.h"
#include "config/public_url.h"
#include "config/records_load.h"
#include "config/secrets.h"
#include "config/reader.h"
#include "domain/school_holidays.h"

#include "jobs/local_time.h"
#include "messaging/mime.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>

namespace lobsync::config {
namespace {

using nlohmann::json;

std::filesystem::path relative_to(const std::filesystem::path& base, const std::string& value) {
  std::filesystem::path p(value);
  return p.is_absolute() ? p : (base / p).lexically_normal();
}

bool valid_instance_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The logo and the accent colour: the pages' look (config/school_look.h).
void read_school_look(Reader& r, const json& s, const std::filesystem::path& base, Config& c) {
  std::string logo_file;
  r.string(s, "/school", "logo_file", logo_file);
  if (!logo_file.empty()) {
    std::string error;
    c.logo = read_school_logo(relative_to(base, logo_file), error);
    if (!c.logo) r.problem("/school/logo_file", error);
  }
  r.string(s, "/school", "accent_colour", c.accent_colour);
  if (c.accent_colour.empty()) return;
  const auto contrast = contrast_on_white(c.accent_colour);
  if (!contrast) {
    r.problem("/school/accent_colour", "must be a colour written #rrggbb, e.g. #1a4f9c");
  } else if (*contrast < kMinAccentContrast) {
    char ratio[16];
    std::snprintf(ratio, sizeof ratio, "%.2f", *contrast);
    r.problem("/school/accent_colour", std::string("contrasts ") + ratio + ":1 with white; buttons and links need at least 4.5:1 "
                                       "(WCAG AA): choose a darker colour");
  }
}

// The region's national vacation weeks join the planning's holidays; the ones the school types
// under planning.holidays come on top.
void read_holiday_region(Reader& r, const json& s, domain::Policy& policy) {
  std::string name;
  r.string(s, "/school", "region", name);
  if (name.empty()) return;
  const auto region = domain::holiday_region(name);
  if (!region)
    return r.problem("/school/region", "must be \"noord\", \"midden\" or \"zuid\": the school holiday region of the "
                                        "school's municipality (rijksoverheid.nl, \"Regioindeling voor de schoolvakantie\")");
  policy.holiday_region = name;
  const auto national = domain::national_school_holidays(*region);
  policy.holidays.insert(policy.holidays.begin(), national.begin(), national.end());
}

void read_school(Reader& r, const json& root, const std::filesystem::path& base, Config& c) {
  if (!root.contains("school") || !r.expect_object(root["school"], "/school")) return;
  const auto& s = root["school"];
  r.reject_unknown(s, "/school", {"name", "timezone", "region", "logo_file", "accent_colour", "guardian_organisations"});
  r.string(s, "/school", "name", c.school_name);
  read_school_look(r, s, base, c);
  read_guardian_organisations(r, s, c);
  read_holiday_region(r, s, c.planning);
  r.string(s, "/school", "timezone", c.timezone);
  try {
    (void)find_time_zone(c.timezone);
  } catch (const UnknownTimeZone& e) {
    r.problem("/school/timezone", std::string(e.what()) + " (e.g. Europe/Amsterdam)");
  }
}

void read_log(Reader& r, const json& root, Config& c) {
  if (!root.contains("log") || !r.expect_object(root["log"], "/log")) return;
  const auto& l = root["log"];
  r.reject_unknown(l, "/log", {"level"});
  r.string(l, "/log", "level", c.log_level);
  static constexpr std::string_view levels[] = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(std::begin(levels), std::end(levels), c.log_level) == std::end(levels)) {
    r.problem("/log/level", "must be one of trace, debug, info, warn, error, off");
  }
}

void read_store(Reader& r, const json& root, const std::filesystem::path& base, Config& c) {
  if (!root.contains("store") || !r.expect_object(root["store"], "/store")) return;
  const auto& s = root["store"];
  r.reject_unknown(s, "/store", {"driver", "path"});
  r.string(s, "/store", "driver", c.store.driver);
  if (c.store.driver != "sqlite") {
    r.problem("/store/driver", "unknown store driver '" + c.store.driver + "' (supported: sqlite)");
  }
  std::string path;
  r.string(s, "/store", "path", path);
  if (!path.empty()) c.store.path = relative_to(base, path);
}

void read_http(Reader& r, const json& root, Config& c) {
  if (!root.contains("http") || !r.expect_object(root["http"], "/http")) return;
  const auto& h = root["http"];
  r.reject_unknown(h, "/http", {"enabled", "address", "port", "read_timeout_seconds", "idle_timeout_seconds",
                                "body_limit_bytes", "shutdown_grace_seconds", "threads", "max_connections",
                                "public_url", "admin_token"});
  r.boolean(h, "/http", "enabled", c.http.enabled);
  r.string(h, "/http", "address", c.http.address);
  r.integer(h, "/http", "port", c.http.port, 0, 65535);
  long long seconds = c.http.read_timeout.count();
  r.integer(h, "/http", "read_timeout_seconds", seconds, 1, 3600);
  c.http.read_timeout = std::chrono::seconds(seconds);
  r.integer(h, "/http", "body_limit_bytes", c.http.body_limit_bytes, 1024, 64ll << 20);
  seconds = c.http.shutdown_grace.count();
  r.integer(h, "/http", "shutdown_grace_seconds", seconds, 0, 300);
  c.http.shutdown_grace = std::chrono::seconds(seconds);
  r.integer(h, "/http", "threads", c.http.threads, 1, 64);
  r.integer(h, "/http", "max_connections", c.http.max_connections, 8, 1'000'000);
  seconds = c.http.idle_timeout.count();
  r.integer(h, "/http", "idle_timeout_seconds", seconds, 1, 3600);
  c.http.idle_timeout = std::chrono::seconds(seconds);
  r.string(h, "/http", "public_url", c.http.public_url);
  if (!c.http.public_url.empty()) {
    if (auto problem = check_public_url(c.http.public_url); !problem.empty()) r.problem("/http/public_url", problem);
  }
  if (h.contains("admin_token")) {
    // Resolved now, so a missing variable or file is a config error, not a 500 later.
    const auto& ref = h["admin_token"];
    if (!is_secret_reference(ref)) {
      r.problem("/http/admin_token", R"(must be a secret reference, {"env":"NAME"} or {"file":"/path"}, not the token itself)");
    } else if (auto secret = resolve_secret(ref); !secret.value) {
      r.problem("/http/admin_token", secret.error);
    } else if (secret.value->size() < 16) {
      r.problem("/http/admin_token", "the token must be at least 16 characters long");
    } else {
      c.http.admin_token = *secret.value;
    }
  }
}

void read_plugin_dirs(Reader& r, const json& root, const std::filesystem::path& base, Config& c) {
  if (!root.contains("plugin_dirs")) {
    c.plugin_dirs = {LOBSYNC_DEFAULT_PLUGIN_DIR};
    return;
  }
  const auto& dirs = root["plugin_dirs"];
  if (!dirs.is_array()) {
    r.problem("/plugin_dirs", std::string("must be an array of folders, not ") + type_name(dirs));
    return;
  }
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    if (dirs[i].is_string()) c.plugin_dirs.push_back(relative_to(base, dirs[i].get<std::string>()));
    else r.problem("/plugin_dirs/" + std::to_string(i), "must be a folder name (a string)");
  }
}

// "HH:MM-HH:MM" in local time, e.g. "22:00-06:00".
bool parse_window(const std::string& text, SyncSettings& out) {
  const auto dash = text.find('-');
  if (dash == std::string::npos) return false;
  const auto from = jobs::parse_time_of_day(text.substr(0, dash));
  const auto to = jobs::parse_time_of_day(text.substr(dash + 1));
  if (!from || !to || (from->hour == to->hour && from->minute == to->minute)) return false;
  out.has_window = true;
  out.window_from_minute = from->hour * 60 + from->minute;
  out.window_to_minute = to->hour * 60 + to->minute;
  return true;
}

void read_sync(Reader& r, const json& value, const std::string& path, SyncSettings& out) {
  if (!r.expect_object(value, path)) return;
  r.reject_unknown(value, path, {"window", "max_removed_percent", "max_removed_count", "leaver_grace_days"});
  if (value.contains("window")) {
    std::string window;
    r.string(value, path, "window", window);
    if (!window.empty() && !parse_window(window, out)) {
      r.problem(pointer(path, "window"), "must be a local time range \"HH:MM-HH:MM\", e.g. \"22:00-06:00\"");
    }
  }
  if (value.contains("max_removed_percent")) {
    const auto& v = value["max_removed_percent"];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 100) {
      r.problem(pointer(path, "max_removed_percent"), "must be a number from 0 to 100");
    } else {
      out.max_removed_percent = v.get<double>();
    }
  }
  r.integer(value, path, "max_removed_count", out.max_removed_count, 0, 10'000'000);
  r.integer(value, path, "leaver_grace_days", out.leaver_grace_days, 0, 3650);
}

void read_plugins(Reader& r, const json& root, Config& c) {
  if (!root.contains("plugins") || !r.expect_object(root["plugins"], "/plugins")) return;
  for (const auto& [name, value] : root["plugins"].items()) {
    const auto path = pointer("/plugins", name);
    if (!valid_instance_name(name)) {
      r.problem(path, "instance names use a-z, 0-9, '-' and '_' (at most 64 characters)");
      continue;
    }
    if (!r.expect_object(value, path)) continue;
    PluginInstanceSettings p;
    p.instance = name;
    if (!value.contains("plugin")) {
      r.problem(pointer(path, "plugin"), "missing: which plugin this instance runs (e.g. \"smtp\")");
      continue;
    }
    r.string(value, path, "plugin", p.plugin);
    r.boolean(value, path, "enabled", p.enabled);
    if (value.contains("sync")) read_sync(r, value["sync"], pointer(path, "sync"), p.sync);
    r.integer(value, path, "connections", p.connections, 1, kMaxConnectionsPerChannel);
    for (const auto& [key, setting] : value.items()) {
      if (key != "plugin" && key != "enabled" && key != "sync" && key != "connections") p.settings[key] = setting;
    }
    c.plugins.push_back(std::move(p));
  }
}

void read_jobs(Reader& r, const json& root, Config& c) {
  if (!root.contains("jobs") || !r.expect_object(root["jobs"], "/jobs")) return;
  static constexpr std::string_view known[] = {"sync", "plan", "remind", "dossier", "dispatch"};
  for (const auto& [name, value] : root["jobs"].items()) {
    const auto path = pointer("/jobs", name);
    if (std::find(std::begin(known), std::end(known), name) == std::end(known)) {
      r.problem(path, "unknown job (known: sync, plan, remind, dossier, dispatch)");
      continue;
    }
    if (!r.expect_object(value, path)) continue;
    r.reject_unknown(value, path, {"at", "enabled", "catch_up_hours"});
    JobSettings job;
    job.name = name;
    r.boolean(value, path, "enabled", job.enabled);
    r.string(value, path, "at", job.at);
    if (!jobs::parse_time_of_day(job.at)) r.problem(pointer(path, "at"), "must be a local time HH:MM, e.g. \"02:30\"");
    long long hours = job.catch_up_within.count();
    r.integer(value, path, "catch_up_hours", hours, 0, 24 * 7);
    job.catch_up_within = std::chrono::hours(hours);
    c.jobs.push_back(std::move(job));
  }
}

void read_admin(Reader& r, const json& root, Config& c) {
  if (!root.contains("admin") || !r.expect_object(root["admin"], "/admin")) return;
  const auto& a = root["admin"];
  r.reject_unknown(a, "/admin", {"email", "from", "mailer"});
  if (a.contains("email")) {
    const auto& e = a["email"];
    if (!e.is_array() || e.empty()) {
      r.problem("/admin/email", "must be a list of e-mail addresses");
    } else {
      for (std::size_t i = 0; i < e.size(); ++i) {
        if (e[i].is_string() && messaging::plausible_address(e[i].get<std::string>())) {
          c.admin.emails.push_back(e[i].get<std::string>());
        } else {
          r.problem("/admin/email/" + std::to_string(i), "not an e-mail address");
        }
      }
    }
  }
  r.string(a, "/admin", "from", c.admin.from);
  r.string(a, "/admin", "mailer", c.admin.mailer);
  if (!a.contains("email")) return;
  if (!messaging::plausible_address(c.admin.from)) r.problem("/admin/from", "must be the sender's e-mail address");
  const bool known = std::any_of(c.plugins.begin(), c.plugins.end(),
                                 [&](const PluginInstanceSettings& p) { return p.instance == c.admin.mailer; });
  if (!known) r.problem("/admin/mailer", "must name a plugin instance under /plugins that sends mail");
}

void read_seconds(Reader& r, const json& obj, const std::string& path, const char* key, std::chrono::seconds& out,
                  long long min, long long max) {
  long long seconds = out.count();
  r.integer(obj, path, key, seconds, min, max);
  out = std::chrono::seconds(seconds);
}

void read_outbox(Reader& r, const json& root, Config& c) {
  if (!root.contains("outbox") || !r.expect_object(root["outbox"], "/outbox")) return;
  const auto& o = root["outbox"];
  const std::string path = "/outbox";
  r.reject_unknown(o, path, {"lease_seconds", "retry_hours", "max_attempts", "backoff_base_seconds",
                             "backoff_max_seconds", "batch", "workers", "poll_interval_seconds", "keep_sent_days"});
  auto& s = c.outbox;
  read_seconds(r, o, path, "lease_seconds", s.lease, 1, 24 * 3600);
  int retry_hours = static_cast<int>(s.retry_period.count());
  r.integer(o, path, "retry_hours", retry_hours, 1, 24 * 365);
  s.retry_period = std::chrono::hours(retry_hours);
  if (o.contains("max_attempts")) {
    // A count of attempts turned a few hours' outage into dead mail. Old configs still load.
    r.warning("/outbox/max_attempts", "is no longer used and is ignored: failing items are retried for retry_hours (" +
                                          std::to_string(retry_hours) + ") instead; remove the key");
  }
  read_seconds(r, o, path, "backoff_base_seconds", s.backoff_base, 1, 24 * 3600);
  read_seconds(r, o, path, "backoff_max_seconds", s.backoff_max, 1, 7 * 24 * 3600);
  r.integer(o, path, "batch", s.batch, 1, 10'000);
  r.integer(o, path, "workers", s.workers, 1, 64);
  read_seconds(r, o, path, "poll_interval_seconds", s.poll_interval, 1, 24 * 3600);
  int keep_sent_days = static_cast<int>(s.keep_sent.count() / 24);
  r.integer(o, path, "keep_sent_days", keep_sent_days, 0, 3650);
  s.keep_sent = std::chrono::hours(24 * keep_sent_days);
  if (s.backoff_max < s.backoff_base) {
    r.problem("/outbox/backoff_max_seconds", "must not be less than backoff_base_seconds (" +
                                                 std::to_string(s.backoff_base.count()) + ")");
  }
}

}  // namespace

std::string describe_position(std::string_view text, std::size_t byte_offset,
                              const std::filesystem::path& source) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < std::min(byte_offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return source.string() + ":" + std::to_string(line) + ":" + std::to_string(column);
}

LoadResult parse_text(std::string_view text, const std::filesystem::path& source) {
  LoadResult result;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  auto parsed = parse_json(text, /*ignore_comments=*/true);
  if (!parsed.ok) {
    if (parsed.byte == 0) {
      // A value that cannot be read (a number beyond a double): at its key, or the file as a whole.
      if (parsed.field.empty()) result.problems.push_back({"", source.string() + ": " + parsed.message});
      else result.problems.push_back({parsed.field, parsed.message});
      return result;
    }
    // nlohmann reports the byte after the offending token; point at the token itself.
    result.problems.push_back({"", describe_position(text, parsed.byte - 1, source) + ": " + parsed.message});
    return result;
  }
  json root = std::move(parsed.value);
  Reader r(result.problems, result.warnings);
  if (!r.expect_object(root, "")) return result;
  r.reject_unknown(root, "", {"$schema", "school", "log", "store", "http", "plugin_dirs", "plugins", "jobs", "admin",
                         "outbox", "planning", "records", "assignments", "notices"});

  Config c;
  c.source = source;
  const auto base = source.has_parent_path() ? source.parent_path() : std::filesystem::path(".");
  read_school(r, root, base, c);
  read_log(r, root, c);
  read_store(r, root, base, c);
  read_http(r, root, c);
  read_plugin_dirs(r, root, base, c);
  read_plugins(r, root, c);
  read_jobs(r, root, c);
  read_admin(r, root, c);
  read_outbox(r, root, c);
  read_planning(r, root, c);
  read_records(r, root, c);
  read_assignments(r, root, c);
  read_notices(r, root, c);
  if (result.problems.empty()) result.config = c;
  result.partial = std::move(c);
  return result;
}

LoadResult load_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.problems.push_back({"", "cannot read config file " + file.string()});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const auto absolute = std::filesystem::absolute(file).lexically_normal();
  return parse_text(text.str(), absolute);
}

}  // namespace lobsync::config
