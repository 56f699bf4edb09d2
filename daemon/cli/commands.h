// The subcommands of the lobsync binary. Each returns the process exit code:
// 0 ok, 1 failure, 2 usage or config error (and 3 for a held sync, later).
#pragma once

#include "config/config.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitHeld = 3;

struct CommonOptions {
  std::filesystem::path config_path;
  bool json = false;
  std::optional<std::string> log_level;  // overrides the config's level
};

// Loads a config or prints why not; the caller exits with kExitUsage on nullopt.
std::optional<config::Config> load_or_report(const CommonOptions& options);

// Reads the shipped translation files now, for a command that renders messages for parents and
// mentors: it then fails at start with a clear message instead of in the middle of its work (a
// page answering 500 because the process is short of file handles when it first needs them).
// False after printing why; the caller exits with kExitFailure.
bool translations_or_report();

int cmd_version(const CommonOptions& options);
int cmd_config_check(const CommonOptions& options);
// `lobsync plugins [--plugin-dir D] [--describe NAME [--markdown]]`: the plugins found, or one
// plugin with the table of the settings it declares.
struct PluginsCommand {
  std::vector<std::filesystem::path> extra_dirs;
  std::string describe;  // empty: list them all
  bool markdown = false;
};
int cmd_plugins(const CommonOptions& options, const PluginsCommand& command);
int cmd_serve(const CommonOptions& options);
int cmd_run_once(const CommonOptions& options, const std::vector<std::string>& only_jobs);
int cmd_status(const CommonOptions& options);

struct SyncCommand {
  std::optional<std::string> source;
  bool dry_run = false;
  bool force = false;
  std::optional<std::int64_t> approve;
};
int cmd_sync(const CommonOptions& options, const SyncCommand& command);

// Delivers what is due in the outbox once; exit 1 when an item went dead or the run failed.
int cmd_dispatch(const CommonOptions& options);

// `lobsync outbox list [--state S] [--channel X] [--limit N]`: items oldest first, never their content.
struct OutboxListCommand {
  std::string state;    // empty: every state
  std::string channel;  // empty: every channel
  std::size_t limit = 100;
};
int cmd_outbox_list(const CommonOptions& options, const OutboxListCommand& command);
// `lobsync outbox retry (KEY... | --all-dead [--channel X])`: dead or pending items due now, their
// retry period starting again. Exit 1 when a key is unknown or cannot be retried.
struct OutboxRetryCommand {
  std::vector<std::string> keys;
  bool all_dead = false;
  std::string channel;  // with all_dead: only this channel
};
int cmd_outbox_retry(const CommonOptions& options, const OutboxRetryCommand& command);
// `lobsync outbox discard KEY...`: pending or dead items given up for good (state discarded).
int cmd_outbox_discard(const CommonOptions& options, const std::vector<std::string>& keys);

// `lobsync dossier [--dry-run]`: queues the final conversation record versions for the dossier
// sinks (records/dossier_push.h); `lobsync dispatch` delivers them.
int cmd_dossier(const CommonOptions& options, bool dry_run);

struct PlanCommand {
  bool dry_run = false;
  bool verbose = false;  // list every meeting
};
int cmd_plan(const CommonOptions& options, const PlanCommand& command);
int cmd_coverage(const CommonOptions& options);
// What happened to a meeting that has started: held, no-show or family-cancelled (exit 2 for an
// unknown meeting or outcome, or a meeting that has not started or was cancelled).
int cmd_attendance(const CommonOptions& options, const std::string& meeting, const std::string& outcome);

// A family's choices the planner respects: one meeting per household for separated parents,
// and the hours that suit the parents.
struct FamilyCommand {
  std::string student;                  // key or student number
  std::optional<bool> separate;         // --separate / --joint
  std::optional<std::string> prefer;    // "HH:MM-HH:MM", or "" to clear
};
int cmd_family(const CommonOptions& options, const FamilyCommand& command);

// `lobsync links rotate-key`: a new key for signed links (old links keep working until they expire).
int cmd_links_rotate_key(const CommonOptions& options);
// `lobsync links feed --mentor <email or staff key>`: prints the mentor's calendar feed URL.
int cmd_links_feed(const CommonOptions& options, const std::string& mentor);
// `lobsync links record --meeting <id>`: prints the mentor's record form URL for a meeting.
int cmd_links_record(const CommonOptions& options, const std::string& meeting);
int cmd_links_student(const CommonOptions& options, const std::string& student);

// `lobsync tokens issue --mentor <email or staff key>`: prints a new records API token once.
int cmd_tokens_issue(const CommonOptions& options, const std::string& mentor);
// `lobsync tokens revoke --mentor <email or staff key>`: revokes all of the mentor's tokens.
int cmd_tokens_revoke(const CommonOptions& options, const std::string& mentor);

// `lobsync remind`: queues today's digests of reminders (see notices/digest.h).
struct RemindCommand {
  bool dry_run = false;
};
int cmd_remind(const CommonOptions& options, const RemindCommand& command);
// `lobsync calllist --mentor <staff key, e-mail or abbreviation>`: parents the mentor should phone.
int cmd_calllist(const CommonOptions& options, const std::string& mentor);

}  // namespace lobsync::cli
