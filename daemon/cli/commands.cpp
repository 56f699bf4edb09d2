#include "cli/commands.h"

#include "cli/plugin_describe.h"

#include "serve/daemon.h"
#include "app/job_catalog.h"
#include "app/services.h"
#include "app/status.h"
#include "config/load.h"
#include "core/iso_time.h"
#include "core/log.h"
#include "core/open_files.h"
#include "core/time_zone.h"
#include "messaging/translations.h"
#include "outbox/dispatch_report.h"
#include "planning/school_calendar.h"
#include "plugin_host/capabilities.h"
#include "plugin_host/catalog.h"
#include "plugin_host/settings_check.h"
#include "app/roster_sync.h"
#include "sync/sync_summary.h"

#include <algorithm>
#include <iostream>

#include <unistd.h>

namespace lobsync::cli {
namespace {

void apply_log_level(const CommonOptions& options, const std::string& configured) {
  const auto name = options.log_level.value_or(configured);
  log::init(log::parse_level(name).value_or(log::Level::info));
}

void print_problems(const std::filesystem::path& file, const std::vector<config::Problem>& problems) {
  for (const auto& p : problems) {
    if (p.path.empty()) std::cerr << p.message << "\n";
    else std::cerr << file.string() << ": " << p.path << ": " << p.message << "\n";
  }
}

}  // namespace

std::optional<config::Config> load_or_report(const CommonOptions& options) {
  auto result = config::load_file(options.config_path);
  if (!result.config) {
    print_problems(options.config_path, result.problems);
    return std::nullopt;
  }
  apply_log_level(options, result.config->log_level);
  for (const auto& w : result.warnings) log::warn("{}: {}: {}", options.config_path.string(), w.path, w.message);
  return result.config;
}

bool translations_or_report() {
  try {
    messaging::shipped_translations();
    return true;
  } catch (const std::exception& e) {
    std::cerr << "lobsync: cannot start: the translation files in " << messaging::default_translations_dir().string()
              << " cannot be read: " << e.what() << "\n";
    return false;
  }
}

int cmd_version(const CommonOptions& options) {
  if (options.json) {
    std::cout << nlohmann::json{{"version", LOBSYNC_VERSION}, {"abi", std::to_string(LOBSYNC_ABI_MAJOR) + "." + std::to_string(LOBSYNC_ABI_MINOR)}}.dump() << "\n";
  } else {
    std::cout << "lobsync " << LOBSYNC_VERSION << " (plugin ABI " << LOBSYNC_ABI_MAJOR << "." << LOBSYNC_ABI_MINOR << ")\n";
  }
  return kExitOk;
}

int cmd_config_check(const CommonOptions& options) {
  log::init(log::Level::error);  // the problems are the output; plugin load noise is not
  auto result = config::load_file(options.config_path);
  std::vector<std::string> warnings;
  for (const auto& w : result.warnings) warnings.push_back(w.path + ": " + w.message);
  if (result.partial) {
    // Plugin settings are checked even when host keys have problems, so one run shows all.
    const auto catalog = plugin_host::PluginCatalog::scan(result.partial->plugin_dirs);
    warnings.insert(warnings.end(), catalog.warnings().begin(), catalog.warnings().end());
    auto more = plugin_host::check_plugin_settings(*result.partial, catalog);
    result.problems.insert(result.problems.end(), more.begin(), more.end());
    if (result.partial->http.public_url.empty() && !result.partial->planning.mailer.empty())
      warnings.push_back("http.public_url is not set: invitations carry no link for parents to confirm or move");
    const auto today = planning::local_day(time_zone_or_utc(result.partial->timezone), SystemClock().now());
    for (const auto& w : planning::holidays_missing_warnings(result.partial->planning, today))
      warnings.push_back("/planning/holidays: " + w);
  }
  if (options.json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : result.problems) problems.push_back({{"path", p.path}, {"message", p.message}});
    std::cout << nlohmann::json{{"file", options.config_path.string()}, {"ok", result.problems.empty()}, {"problems", problems}, {"warnings", warnings}}.dump(2) << "\n";
  } else if (result.problems.empty()) {
    for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
    std::cout << options.config_path.string() << ": config OK\n";
  } else {
    for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
    print_problems(options.config_path, result.problems);
    std::cerr << result.problems.size() << " problem(s) in " << options.config_path.string() << "\n";
  }
  return result.problems.empty() ? kExitOk : kExitUsage;
}

int cmd_plugins(const CommonOptions& options, const PluginsCommand& command) {
  std::vector<std::filesystem::path> dirs;
  if (!options.config_path.empty()) {
    auto config = load_or_report(options);
    if (!config) return kExitUsage;
    dirs = config->plugin_dirs;
  } else {
    apply_log_level(options, "warn");
  }
  dirs.insert(dirs.end(), command.extra_dirs.begin(), command.extra_dirs.end());
  const auto catalog = plugin_host::PluginCatalog::scan(dirs);
  if (!command.describe.empty()) {
    for (const auto& warning : catalog.warnings()) std::cerr << "warning: " << warning << "\n";
    return describe_plugin(catalog, command.describe, options.json ? DescribeFormat::json
                                                      : command.markdown ? DescribeFormat::markdown
                                                                         : DescribeFormat::text);
  }
  const auto infos = catalog.infos();
  if (options.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& info : infos) list.push_back(plugin_host::to_json(info));
    std::cout << list.dump(2) << "\n";
  } else {
    for (const auto& warning : catalog.warnings()) std::cerr << "warning: " << warning << "\n";
    if (infos.empty()) std::cout << "no plugins found\n";
    for (const auto& info : infos) {
      if (info.loaded) {
        std::string caps;
        for (const auto& c : plugin_host::capability_names(info.capabilities)) caps += (caps.empty() ? "" : ",") + c;
        std::cout << "loaded   " << info.name << " " << info.version << " [" << caps << "] " << info.path.string() << "\n";
      } else {
        std::cout << "refused  " << info.path.string() << ": " << info.error << "\n";
      }
    }
  }
  return kExitOk;
}

int cmd_serve(const CommonOptions& options) {
  // Before any thread exists, so every thread inherits the mask and sigwait sees the signals.
  serve::block_daemon_signals();
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!translations_or_report()) return kExitFailure;
  // Every connection is an open file; the server keeps within whatever the limit allows.
  if (const auto note = raise_open_files_limit(); !note.empty()) log::info("{}", note);
  SystemClock clock;
  return serve::serve(*config, clock);
}

int cmd_run_once(const CommonOptions& options, const std::vector<std::string>& only_jobs) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!translations_or_report()) return kExitFailure;
  SystemClock clock;
  try {
    app::Services services(*config, clock);
    nlohmann::json runs = nlohmann::json::array();
    bool all_ok = true;
    for (const auto& name : app::pipeline_order()) {
      const bool configured = std::any_of(config->jobs.begin(), config->jobs.end(),
                                          [&](const config::JobSettings& j) { return j.name == name && j.enabled; });
      const bool wanted = only_jobs.empty() ? configured
                                            : std::find(only_jobs.begin(), only_jobs.end(), name) != only_jobs.end();
      if (!wanted) continue;
      auto outcome = services.scheduler().run_now(name);
      if (!outcome) {
        runs.push_back({{"job", name}, {"outcome", "skipped"}, {"detail", "not available in this version"}});
        continue;
      }
      all_ok = all_ok && outcome->ok;
      runs.push_back({{"job", name}, {"outcome", outcome->ok ? "ok" : "failed"}, {"detail", outcome->detail}});
    }
    const auto ready = app::readiness(services);
    if (options.json) {
      std::cout << nlohmann::json{{"ready", ready.ready}, {"runs", runs}, {"status", ready.detail}}.dump(2) << "\n";
    } else {
      std::cout << "store: " << services.store().info().location << " (schema " << services.store().info().schema_version << ")\n";
      for (const auto& s : services.plugins().states()) {
        std::cout << "plugin instance " << s.instance << " (" << s.plugin << "): "
                  << (!s.enabled ? "disabled" : s.running ? "running" : "NOT RUNNING: " + s.error) << "\n";
      }
      if (runs.empty()) std::cout << "no jobs ran: none of this version's jobs is configured\n";
      for (const auto& r : runs) {
        std::cout << "job " << r["job"].get<std::string>() << ": " << r["outcome"].get<std::string>()
                  << (r["detail"].get<std::string>().empty() ? "" : " (" + r["detail"].get<std::string>() + ")") << "\n";
      }
    }
    return all_ok && ready.ready ? kExitOk : kExitFailure;
  } catch (const std::exception& e) {
    log::error("run-once failed: {}", e.what());
    return kExitFailure;
  }
}

int cmd_status(const CommonOptions& options) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    app::Services services(*config, clock);
    const auto report = app::status_report(services);
    if (options.json) {
      std::cout << report.dump(2) << "\n";
      return kExitOk;
    }
    std::cout << "lobsync " << LOBSYNC_VERSION << ", config " << report["config"].get<std::string>() << "\n"
              << "store: " << report["store"]["driver"].get<std::string>() << " " << report["store"]["location"].get<std::string>()
              << ", schema " << report["store"]["schema_version"] << "\n"
              << "ready: " << (report["readiness"]["status"] == "ready" ? "yes" : "no, see below") << "\n";
    for (const auto& p : report["plugins"]) {
      std::cout << "plugin " << p["status"].get<std::string>() << ": " << (p["name"].get<std::string>().empty() ? p["path"].get<std::string>() : p["name"].get<std::string>())
                << (p.contains("error") ? " (" + p["error"].get<std::string>() + ")" : "") << "\n";
    }
    for (const auto& s : report["roster_syncs"]) {
      std::cout << "roster " << s["source"].get<std::string>() << ": " << s["status"].get<std::string>()
                << (s.contains("run_id") ? " (run " + std::to_string(s["run_id"].get<std::int64_t>()) + ")" : "")
                << (s.contains("reason") ? ": " + s["reason"].get<std::string>() : "") << "\n";
    }
    std::string outbox;
    for (const auto& [state, count] : report["outbox"].items()) outbox += (outbox.empty() ? "" : ", ") + state + " " + count.dump();
    std::cout << "outbox: " << (outbox.empty() ? "empty" : outbox) << "\n";
    for (const auto& d : report["outbox_dead"]) {
      std::cout << "dead " << d["key"].get<std::string>() << " (" << d["channel"].get<std::string>() << ", "
                << d["attempts"] << " attempts): " << d["last_error"].get<std::string>() << "\n";
    }
    // JSON keeps UTC; people read school time.
    if (report.contains("next_run")) {
      const auto next = parse_iso_utc(report["next_run"].get<std::string>());
      std::cout << "next scheduled run: " << (next ? local_text(*next, config->timezone) : report["next_run"].get<std::string>())
                << "\n";
    }
    if (report["recent_runs"].empty()) std::cout << "no job runs recorded yet\n";
    for (const auto& r : report["recent_runs"]) {
      std::cout << r["started_at"].get<std::string>() << " " << r["job"].get<std::string>() << " " << r["outcome"].get<std::string>() << "\n";
    }
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("status failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli

namespace lobsync::cli {

int cmd_sync(const CommonOptions& options, const SyncCommand& command) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    app::Services services(*config, clock);
    std::vector<sync::SyncResult> results;
    if (command.approve) {
      results.push_back(app::approve_run(services, *command.approve));
    } else {
      // Progress only for a person at a terminal; scripts and the journal get the summary.
      const bool terminal = !options.json && isatty(STDERR_FILENO) == 1;
      auto progress = [terminal](const std::string& source, std::size_t n) {
        if (terminal) std::cerr << "\r" << source << ": " << n << " records read" << std::flush;
      };
      results = app::sync_sources(services, {command.source}, {command.dry_run, command.force}, progress);
      if (terminal) std::cerr << "\r\033[K";
    }
    if (options.json) {
      for (const auto& r : results) std::cout << sync::to_json(r).dump() << "\n";
    } else {
      if (results.empty()) std::cout << "no roster sources are configured\n";
      for (const auto& r : results) std::cout << sync::summary(r);
    }
    const int code = sync::exit_code(results);
    return code == 3 ? kExitHeld : code == 0 ? kExitOk : kExitFailure;
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    log::error("sync failed: {}", e.what());
    return kExitFailure;
  }
}

int cmd_dispatch(const CommonOptions& options) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    app::Services services(*config, clock);
    const auto result = services.dispatcher().run_once();
    services.dispatcher().forget_old_messages();
    if (options.json) std::cout << outbox::to_json(result).dump() << "\n";
    else std::cout << outbox::summary(result);
    return result.failed == 0 ? kExitOk : kExitFailure;
  } catch (const std::exception& e) {
    log::error("dispatch failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
