// The settings of one google instance (one Google Workspace domain), declared once: the service
// account's key (the SDK's Google OAuth settings), the LOB mailbox it acts as, and the API
// addresses (public defaults; tests point them at loopback fakes).
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>

namespace google {

inline constexpr const char* kDefaultCalendarUrl = "https://www.googleapis.com";
inline constexpr const char* kDefaultGmailUrl = "https://gmail.googleapis.com";

// The scopes, one per kind of call (least privilege; each must be granted to the service
// account's client ID under domain-wide delegation).
inline constexpr const char* kFreeBusyScope = "https://www.googleapis.com/auth/calendar.freebusy";
inline constexpr const char* kEventsScope = "https://www.googleapis.com/auth/calendar.events";
inline constexpr const char* kSendScope = "https://www.googleapis.com/auth/gmail.send";
inline constexpr const char* kReadMailScope = "https://www.googleapis.com/auth/gmail.readonly";

struct Settings {
  std::string mailbox;       // the LOB mailbox: sends mail, asks free/busy
  std::string calendar_url;  // without a trailing slash
  std::string gmail_url;     // without a trailing slash
  bool check_sent_messages = true;
  bool copies_block_time = false;  // the mentor's copies show as busy (opaque) instead of available
  int timeout_seconds = 60;
  nlohmann::json raw;  // as given: the OAuth grant reads its own settings from it
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(), defaults applied; throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

}  // namespace google
