// The settings of one microsoft365 instance (one Microsoft 365 tenant), declared once: the app
// registration's credentials (the SDK's Microsoft OAuth settings), the mailbox that sends, the
// Graph address, and whether the mentors' calendars are written.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>

namespace microsoft365 {

inline constexpr const char* kGraphScope = "https://graph.microsoft.com/.default";
inline constexpr const char* kDefaultGraphUrl = "https://graph.microsoft.com/v1.0";

struct Settings {
  std::string mailbox;    // the LOB mailbox that sends (its Sent Items are searched)
  std::string graph_url;  // without a trailing slash
  bool check_sent_items = true;
  bool calendar_writes = false;         // calendar.put/calendar.delete in the mentors' calendars
  std::string participants_label;       // heads the participants listed in an event's body
  int timeout_seconds = 60;
  nlohmann::json raw;  // as given: the OAuth grant reads its own settings from it
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(), defaults applied; throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

}  // namespace microsoft365
