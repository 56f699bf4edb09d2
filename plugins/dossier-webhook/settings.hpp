// The dossier-webhook plugin's settings: declared once (the SDK checks them and shows them in
// `lobsync plugins --describe dossier-webhook`), read into Settings.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>

namespace dossier_webhook {

inline constexpr int kDefaultTimeoutSeconds = 30;
inline constexpr int kMaxTimeoutSeconds = 600;  // the host's limit per attempt
inline constexpr int kDefaultMaxAttempts = 3;

struct Settings {
  std::string url;
  nlohmann::json secret;  // secret reference; resolved on create
  bool allow_plaintext = false;
  int timeout_seconds = kDefaultTimeoutSeconds;
  int max_attempts = kDefaultMaxAttempts;

  // The URL's host (and port), for health; never the path or query, which may carry a token.
  std::string host() const;
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(); throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

}  // namespace dossier_webhook
