// The daemon's configuration: one JSON file (comments allowed), default /etc/lobsync/lobsync.json.
// load_config() parses and validates everything it can without touching the outside world;
// plugin settings are validated by the plugins themselves (see plugin_host/).
#pragma once

#include "config/school_look.h"

#include "domain/guardian_organisations.h"
#include "domain/policy.h"
#include "store/store_settings.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::config {

inline constexpr const char* kDefaultPath = "/etc/lobsync/lobsync.json";
// The most connections one channel may use (plugins.<instance>.connections).
inline constexpr unsigned kMaxConnectionsPerChannel = 16;

// "store": { … }; the store layer owns the struct so it needs nothing from the config layer.
using StoreSettings = store::StoreSettings;

struct HttpSettings {
  bool enabled = true;
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::chrono::seconds read_timeout{30};
  std::size_t body_limit_bytes = 1024 * 1024;
  std::chrono::seconds shutdown_grace{10};
  unsigned threads = 2;
  // Connections held at once; at the limit the oldest idle one is closed for a newcomer, or the
  // newcomer when all are busy (http/connection_limit.h).
  std::size_t max_connections = 1000;
  // How long a kept-alive connection may wait for its next request.
  std::chrono::seconds idle_timeout{15};
  // The address parents and mentors reach the daemon at (behind a TLS reverse proxy), e.g.
  // "https://lob.school.example", without a trailing '/'. Empty: no self-service links in mails.
  std::string public_url;
  // Bearer token of the admin API (/api/v1/…), resolved from its secret reference at load.
  // Empty: the admin API is disabled (404).
  std::string admin_token;
};

// One recurring job: runs daily at a local wall-clock time in the school's time zone.
struct JobSettings {
  std::string name;          // "sync", "plan", "dispatch", …
  bool enabled = true;
  std::string at = "02:30";  // HH:MM, local time
  std::chrono::hours catch_up_within{24};  // a missed run younger than this is caught up at start
};

// How the host syncs a roster source: "plugins": { "<instance>": { …, "sync": { … } } }.
// The defaults hold a sync that would remove more than a tenth of any entity, or 50 records.
struct SyncSettings {
  bool has_window = false;      // bulk reads only inside [window_from, window_to), local time
  int window_from_minute = 0;   // minutes after local midnight
  int window_to_minute = 0;     // may be less than from: the window crosses midnight
  double max_removed_percent = 10.0;
  long long max_removed_count = 50;
  int leaver_grace_days = 90;   // soft-deleted records are purged after this
};

// One configured plugin instance: "plugins": { "<instance>": { "plugin": "<name>", … } }.
struct PluginInstanceSettings {
  std::string instance;
  std::string plugin;
  bool enabled = true;
  nlohmann::json settings = nlohmann::json::object();  // everything but the host's own keys
  SyncSettings sync;  // used when the plugin is a roster source
  // Instances the dispatcher runs side by side for this channel, each with its own connection
  // to the server; everything else uses the first.
  unsigned connections = 1;
};

// Who hears about sync runs that were held or failed, and through which mailer instance.
struct AdminSettings {
  std::vector<std::string> emails;
  std::string from;    // sender address of reports
  std::string mailer;  // a plugin instance with the mailer capability
  bool configured() const { return !emails.empty(); }
};

// How the outbox is delivered: "outbox": { … }. The dispatcher uses it as is
// (outbox::DispatchSettings names the same struct).
struct OutboxSettings {
  // How long a claimed item belongs to its worker. The worker renews it every third of this while
  // a plugin call runs, so it need not outlast any call: it is how long the items of a crashed
  // dispatcher wait before another one takes them over.
  std::chrono::seconds lease{30};
  // A retryable failure is retried this long, counted from the item's first failed attempt;
  // then the item is dead. Permanent failures are dead at once.
  std::chrono::hours retry_period{72};
  std::chrono::seconds backoff_base{60};    // exponential, full jitter
  // The longest wait between two attempts: once a server is back, every waiting item goes out
  // within this long.
  std::chrono::seconds backoff_max{3600};
  std::size_t batch = 50;                   // items claimed per round per channel
  unsigned workers = 4;                     // channels served in parallel
  std::chrono::seconds poll_interval{15};   // serve: how often the dispatch loop looks
  // A delivered message (with names and addresses of minors and parents) is forgotten this long
  // after it went out; its key stays, so it is still never sent twice.
  std::chrono::hours keep_sent{30 * 24};
};

// Conversation records: when a version is final and where final versions go ("records": { … }).
struct RecordsSettings {
  int final_after_days = 7;                // unsigned versions are final this long after the meeting
  std::vector<std::string> dossier_sinks;  // plugin instances with the dossier capability
};

// Home assignments before a conversation: "assignments": { … } (see daemon/assignments/).
struct AssignmentSettings {
  int days_before = 10;          // sent this many days before the meeting (local calendar days)
  int reminder_days_before = 2;  // a reminder then, when nobody marked it done
  // Conversation type → template id; a type not listed gets no assignment.
  std::map<std::string, std::string> types{{"individual", "qualities_together"},
                                           {"parents", "three_professions_talk"},
                                           {"profile_choice", "professions_around_you"},
                                           {"introduction", "qualities_together"}};
  // The template of a conversation type, or nullopt when the type has no assignment.
  std::optional<std::string> template_for(std::string_view type) const {
    const auto it = types.find(std::string(type));
    return it == types.end() ? std::nullopt : std::optional(it->second);
  }
};

// Reminders and the daily digest: "notices": { … }.
struct NoticeSettings {
  bool has_quiet_hours = true;      // false: "quiet_hours": "" (digests go out at any hour)
  int quiet_from_minute = 21 * 60;  // local wall clock; may be after quiet_to: crosses midnight
  int quiet_to_minute = 7 * 60 + 30;
  std::vector<int> reminder_days{7, 1};  // whole days before a meeting, distinct, 1..60
  int call_list_days = 7;                // the call list looks this many days ahead
};

struct Config {
  std::filesystem::path source;  // the file it was read from
  std::string school_name;
  std::optional<SchoolLogo> logo;  // "school.logo_file", read at load
  std::string accent_colour;       // "#rrggbb"; "" keeps the stylesheet's own blue
  // "school.guardian_organisations": who is addressed as an organisation, not as a parent.
  domain::GuardianOrganisations guardian_organisations = domain::default_guardian_organisations();
  std::string timezone = "Europe/Amsterdam";
  std::string log_level = "info";
  StoreSettings store;
  HttpSettings http;
  std::vector<std::filesystem::path> plugin_dirs;
  std::vector<PluginInstanceSettings> plugins;
  std::vector<JobSettings> jobs;
  AdminSettings admin;
  OutboxSettings outbox;
  domain::Policy planning = domain::default_policy();  // "planning": conversations, hours, holidays
  RecordsSettings records;
  AssignmentSettings assignments;
  NoticeSettings notices;
};

// A problem found in a config: the JSON pointer of the offending value and what is wrong.
struct Problem {
  std::string path;
  std::string message;
};

}  // namespace lobsync::config
