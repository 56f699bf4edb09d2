// The zermelo plugin's settings, declared once (the SDK checks them and shows them in
// `lobsync plugins --describe zermelo`), and their defaults.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <map>
#include <string>
#include <vector>

namespace zermelo {

inline constexpr int kDefaultTimeoutSeconds = 30;
inline constexpr int kMaxTimeoutSeconds = 60;  // Zermelo ends every API request after 60 s
inline constexpr int kDefaultMaxAttempts = 4;
inline constexpr int kDefaultDaysPerRequest = 28;
inline constexpr int kMaxDaysPerRequest = 92;
inline constexpr int kMaxTeachersPerRequest = 25;  // keeps the query string short

enum class TokenIn { header, query };

struct Settings {
  std::string portal_url;  // "https://school.zportal.nl", no trailing slash
  nlohmann::json token;    // the secret reference; resolved per busy.read
  TokenIn token_in = TokenIn::header;
  int teachers_per_request = 1;
  int days_per_request = kDefaultDaysPerRequest;
  std::vector<std::string> free_types{"choice"};  // lower case
  std::map<std::string, std::string> codes;       // lower-case e-mail or abbreviation -> user code
  int timeout_seconds = kDefaultTimeoutSeconds;
  int max_attempts = kDefaultMaxAttempts;
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(), defaults applied; throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

// Whether `code` can be a Zermelo user code (letters, digits, '.', '_', '-'; at most 32).
bool is_user_code(std::string_view code);

std::string lower_ascii(std::string text);

}  // namespace zermelo
