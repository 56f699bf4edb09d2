#include "cli/cli.h"

#include "cli/commands.h"
#include "config/config.h"

#include <CLI/CLI.hpp>

#include <csignal>

#include <cstdlib>
#include <iostream>

namespace lobsync::cli {

int run(int argc, char** argv) {
  // A peer closing a socket must surface as an error on that socket, not kill the process
  // (libcurl runs with CURLOPT_NOSIGNAL and no longer ignores SIGPIPE for us).
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"lobsync: plans career-guidance (LOB) conversations from the school's SIS into calendars and mail"};
  app.require_subcommand(1);
  app.set_version_flag("--version", LOBSYNC_VERSION);

  CommonOptions common;
  const char* env_config = std::getenv("LOBSYNC_CONFIG");
  common.config_path = env_config != nullptr ? env_config : config::kDefaultPath;
  std::string log_level;
  auto add_common = [&](CLI::App* sub, bool with_config = true) {
    if (with_config) {
      sub->add_option("-c,--config", common.config_path, "config file (default: $LOBSYNC_CONFIG or /etc/lobsync/lobsync.json)");
    }
    sub->add_flag("--json", common.json, "print JSON instead of text");
    sub->add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  };

  auto* version = app.add_subcommand("version", "print the version");
  add_common(version, false);

  auto* config_cmd = app.add_subcommand("config", "work with the config file");
  config_cmd->require_subcommand(1);
  auto* check = config_cmd->add_subcommand("check", "validate a config file, including plugin settings and secrets");
  add_common(check);
  std::string check_file;
  check->add_option("file", check_file, "the config file to check (overrides --config)");

  auto* plugins = app.add_subcommand("plugins", "list the plugins found, loaded or refused");
  add_common(plugins);
  std::vector<std::filesystem::path> plugin_dirs;
  plugins->add_option("--plugin-dir", plugin_dirs, "also (or, without a config, only) look in this folder");
  PluginsCommand plugins_command;
  plugins->add_option("--describe", plugins_command.describe, "show this plugin and the settings it declares");
  plugins->add_flag("--markdown", plugins_command.markdown, "with --describe: the settings table in Markdown, as in the plugin's README")
      ->needs("--describe");

  auto* serve = app.add_subcommand("serve", "run the daemon: HTTP endpoints and scheduled jobs");
  add_common(serve);

  auto* run_once = app.add_subcommand("run-once", "run the configured jobs once now, in pipeline order");
  add_common(run_once);
  std::vector<std::string> only_jobs;
  run_once->add_option("--job", only_jobs, "run only this job (repeatable)");

  auto* status = app.add_subcommand("status", "show the store, plugins and recent job runs");
  add_common(status);

  auto* sync = app.add_subcommand("sync", "sync the roster from the configured sources now");
  add_common(sync);
  SyncCommand sync_command;
  std::string sync_source;
  std::int64_t approve_id = 0;
  sync->add_option("--source", sync_source, "only this plugin instance");
  sync->add_flag("--dry-run", sync_command.dry_run, "read and compare, change nothing");
  sync->add_flag("--force", sync_command.force, "read even outside the source's bulk-read window");
  auto* approve_option = sync->add_option("--approve", approve_id, "apply the snapshot of this held run");
  approve_option->excludes("--dry-run")->excludes("--source");

  auto* dispatch = app.add_subcommand("dispatch", "deliver what is due in the outbox (mail, calendar, dossier) now");
  add_common(dispatch);

  auto* outbox_cmd = app.add_subcommand("outbox", "look at and act on outbox items (dead mail, retries)");
  outbox_cmd->require_subcommand(1);
  auto* outbox_list = outbox_cmd->add_subcommand("list", "list outbox items, oldest first (never their content)");
  add_common(outbox_list);
  OutboxListCommand outbox_list_command;
  outbox_list->add_option("--state", outbox_list_command.state, "only items in this state")
      ->check(CLI::IsMember({"pending", "in-flight", "sent", "dead", "discarded"}));
  outbox_list->add_option("--channel", outbox_list_command.channel, "only items of this plugin instance");
  outbox_list->add_option("--limit", outbox_list_command.limit, "at most this many (default 100)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  auto* outbox_retry = outbox_cmd->add_subcommand("retry", "make dead (or waiting) items due now, retry period anew");
  add_common(outbox_retry);
  OutboxRetryCommand outbox_retry_command;
  auto* retry_keys = outbox_retry->add_option("keys", outbox_retry_command.keys, "keys of the items to retry");
  auto* all_dead = outbox_retry->add_flag("--all-dead", outbox_retry_command.all_dead, "retry every dead item");
  all_dead->excludes(retry_keys);
  outbox_retry->add_option("--channel", outbox_retry_command.channel, "with --all-dead: only this plugin instance")
      ->needs(all_dead);
  auto* outbox_discard = outbox_cmd->add_subcommand("discard", "give pending or dead items up for good (kept for the audit)");
  add_common(outbox_discard);
  std::vector<std::string> discard_keys;
  outbox_discard->add_option("keys", discard_keys, "keys of the items to discard")->required();

  auto* dossier = app.add_subcommand("dossier", "queue final conversation records for the dossier sinks now");
  add_common(dossier);
  bool dossier_dry_run = false;
  dossier->add_flag("--dry-run", dossier_dry_run, "report what is final, queue nothing");

  auto* plan = app.add_subcommand("plan", "plan this school year's conversations now and queue the invitations");
  add_common(plan);
  PlanCommand plan_command;
  plan->add_flag("--dry-run", plan_command.dry_run, "plan and report, save and send nothing");
  plan->add_flag("--verbose", plan_command.verbose, "list every meeting");

  auto* coverage = app.add_subcommand("coverage", "which students still miss which of this year's conversations");
  add_common(coverage);

  auto* attendance = app.add_subcommand("attendance", "say what happened to a conversation that has started");
  add_common(attendance);
  std::string attendance_meeting, attendance_outcome;
  attendance->add_option("meeting", attendance_meeting, "the meeting id (see plan --verbose)")->required();
  attendance->add_option("outcome", attendance_outcome, "held, no-show or family-cancelled (a missed one is planned again)")
      ->required();

  auto* family = app.add_subcommand("family", "record a family's choices for planning (separate meetings, hours)");
  add_common(family);
  FamilyCommand family_command;
  bool family_separate = false, family_joint = false, family_no_preference = false;
  std::string family_prefer;
  family->add_option("--student", family_command.student, "the student's key or student number")->required();
  auto* separate_flag = family->add_flag("--separate", family_separate, "separated parents get one meeting per household");
  family->add_flag("--joint", family_joint, "separated parents meet together (the default)")->excludes(separate_flag);
  auto* prefer_option = family->add_option("--prefer", family_prefer, "hours that suit the parents, e.g. 17:00-20:00");
  family->add_flag("--no-preference", family_no_preference, "forget the parents' hours")->excludes(prefer_option);

  auto* links_cmd = app.add_subcommand("links", "signed links for parents and mentors");
  links_cmd->require_subcommand(1);
  auto* rotate_key = links_cmd->add_subcommand("rotate-key", "add a new link key; links signed before keep working until they expire");
  add_common(rotate_key);
  auto* feed = links_cmd->add_subcommand("feed", "print a mentor's calendar feed URL");
  add_common(feed);
  std::string feed_mentor;
  feed->add_option("--mentor", feed_mentor, "the mentor's e-mail address or staff key")->required();
  auto* record_link = links_cmd->add_subcommand("record", "print the mentor's record form URL for a meeting");
  add_common(record_link);
  std::string record_meeting;
  record_link->add_option("--meeting", record_meeting, "the meeting id")->required();
  auto* student_link = links_cmd->add_subcommand("student", "print a student's own page URL (their reports), valid 60 days");
  add_common(student_link);
  std::string link_student;
  student_link->add_option("--student", link_student, "the student's key or student number")->required();

  auto* tokens_cmd = app.add_subcommand("tokens", "mentors' bearer tokens for the records API");
  tokens_cmd->require_subcommand(1);
  std::string token_mentor;
  auto* issue = tokens_cmd->add_subcommand("issue", "print a new token for a mentor (shown once; only its hash is kept)");
  add_common(issue);
  issue->add_option("--mentor", token_mentor, "the mentor's e-mail address or staff key")->required();
  auto* revoke = tokens_cmd->add_subcommand("revoke", "revoke all of a mentor's tokens");
  add_common(revoke);
  revoke->add_option("--mentor", token_mentor, "the mentor's e-mail address or staff key")->required();

  auto* remind = app.add_subcommand("remind", "queue today's digests of reminders to students and parents");
  add_common(remind);
  RemindCommand remind_command;
  remind->add_flag("--dry-run", remind_command.dry_run, "decide and count, queue nothing");
  auto* calllist = app.add_subcommand("calllist", "the parents a mentor should phone because mail did not reach them");
  add_common(calllist);
  std::string calllist_mentor;
  calllist->add_option("--mentor", calllist_mentor, "the mentor's staff key, e-mail address or abbreviation")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 answers a misspelt command with "A subcommand is required": name it instead.
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands([&](CLI::App* sub) { return sub->check_name(argv[1]); }).empty()) {
      std::string known;
      for (const auto* sub : app.get_subcommands({})) known += (known.empty() ? "" : ", ") + sub->get_name();
      std::cerr << "lobsync: unknown command '" << argv[1] << "'; the commands are: " << known
                << " (lobsync --help says what each does)\n";
      return kExitUsage;
    }
    app.exit(e);
    return kExitUsage;
  }
  if (!log_level.empty()) common.log_level = log_level;
  if (!check_file.empty()) common.config_path = check_file;

  if (version->parsed()) return cmd_version(common);
  if (check->parsed()) return cmd_config_check(common);
  if (plugins->parsed()) {
    // --plugin-dir alone lists a folder without needing a config.
    const bool config_given = plugins->count("--config") > 0 || env_config != nullptr;
    if (!plugin_dirs.empty() && !config_given) common.config_path.clear();
    plugins_command.extra_dirs = plugin_dirs;
    return cmd_plugins(common, plugins_command);
  }
  if (serve->parsed()) return cmd_serve(common);
  if (run_once->parsed()) return cmd_run_once(common, only_jobs);
  if (status->parsed()) return cmd_status(common);
  if (sync->parsed()) {
    if (!sync_source.empty()) sync_command.source = sync_source;
    if (approve_option->count() > 0) sync_command.approve = approve_id;
    return cmd_sync(common, sync_command);
  }
  if (dispatch->parsed()) return cmd_dispatch(common);
  if (outbox_list->parsed()) return cmd_outbox_list(common, outbox_list_command);
  if (outbox_retry->parsed()) {
    if (outbox_retry_command.keys.empty() && !outbox_retry_command.all_dead) {
      std::cerr << "outbox retry: name the keys to retry, or --all-dead\n";
      return kExitUsage;
    }
    return cmd_outbox_retry(common, outbox_retry_command);
  }
  if (outbox_discard->parsed()) return cmd_outbox_discard(common, discard_keys);
  if (dossier->parsed()) return cmd_dossier(common, dossier_dry_run);
  if (plan->parsed()) return cmd_plan(common, plan_command);
  if (coverage->parsed()) return cmd_coverage(common);
  if (attendance->parsed()) return cmd_attendance(common, attendance_meeting, attendance_outcome);
  if (family->parsed()) {
    if (family_separate) family_command.separate = true;
    if (family_joint) family_command.separate = false;
    if (prefer_option->count() > 0) family_command.prefer = family_prefer;
    if (family_no_preference) family_command.prefer = std::string();
    return cmd_family(common, family_command);
  }
  if (rotate_key->parsed()) return cmd_links_rotate_key(common);
  if (feed->parsed()) return cmd_links_feed(common, feed_mentor);
  if (record_link->parsed()) return cmd_links_record(common, record_meeting);
  if (student_link->parsed()) return cmd_links_student(common, link_student);
  if (issue->parsed()) return cmd_tokens_issue(common, token_mentor);
  if (revoke->parsed()) return cmd_tokens_revoke(common, token_mentor);
  if (remind->parsed()) return cmd_remind(common, remind_command);
  if (calllist->parsed()) return cmd_calllist(common, calllist_mentor);
  return kExitUsage;
}

}  // namespace lobsync::cli
