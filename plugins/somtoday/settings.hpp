// The instance settings of the somtoday plugin, declared once (the SDK checks them and shows them
// in `lobsync plugins --describe somtoday`), and their defaults.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>
#include <vector>

namespace somtoday {

inline constexpr const char* kDefaultApiUrl = "https://api.somtoday.nl/rest/v1";
inline constexpr const char* kDefaultTokenUrl = "https://inloggen.somtoday.nl/oauth2/token";
inline constexpr int kMaxPageSize = 200;  // the Connect API refuses more per page
inline constexpr int kDefaultTimetableWeeks = 8;
inline constexpr int kMaxTimetableWeeks = 52;

struct Settings {
  std::string organisation;         // instelling UUID
  std::string client_id;
  nlohmann::json client_secret;     // the reference only; resolved when a token is fetched
  std::string api_url = kDefaultApiUrl;
  std::string token_url = kDefaultTokenUrl;
  std::vector<std::string> vestigingen;  // empty: every permitted vestiging
  int page_size = kMaxPageSize;
  // busy.read: how many ISO weeks of lesgroep roosters are read from the window's start, and
  // which afspraaktype values mean a lesson does not take place (compared case-insensitively).
  int timetable_weeks = kDefaultTimetableWeeks;
  std::vector<std::string> cancelled_afspraaktypes{"Vervallen", "Uitval"};
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(), defaults applied; throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

bool is_uuid(const std::string& text);

}  // namespace somtoday
