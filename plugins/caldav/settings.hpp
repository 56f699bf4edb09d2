// The caldav plugin's settings, declared once (the SDK checks them and shows them in
// `lobsync plugins --describe caldav`), and the collection URLs they give.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <map>
#include <optional>
#include <string>

namespace caldav {

inline constexpr int kDefaultTimeoutSeconds = 30;
inline constexpr int kMaxTimeoutSeconds = 600;  // the host's limit per attempt
inline constexpr int kDefaultMaxAttempts = 3;
inline constexpr const char* kDefaultDisplayName = "LOB-gesprekken";
inline constexpr const char* kDefaultSchoolTimezone = "Europe/Amsterdam";

struct Settings {
  std::string collection_url;                   // template with {calendar}; may be empty
  std::map<std::string, std::string> calendars;  // key -> explicit collection URL
  std::string username;                         // empty: no Authorization header
  nlohmann::json password;                      // secret reference; resolved on create
  bool allow_plaintext = false;
  bool create_missing = false;
  std::string display_name = kDefaultDisplayName;  // for collections it creates
  int timeout_seconds = kDefaultTimeoutSeconds;
  int max_attempts = kDefaultMaxAttempts;
  // Reads all-day dates and floating times, and stands in for unknown TZIDs. The host's
  // school.timezone does not reach plugins, so a school outside Amsterdam's zone sets it here too.
  std::string school_timezone = kDefaultSchoolTimezone;

  // The collection URL of a calendar key (ends in '/'), or nullopt when neither `calendars`
  // nor the template knows it. The key is percent-encoded into the template.
  std::optional<std::string> collection(const std::string& key) const;
  // The host of the template or of the first explicit URL, for health.
  std::string host() const;
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(); throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

}  // namespace caldav
