// The instance settings of the smtp plugin, declared once (the SDK checks them and shows them in
// `lobsync plugins --describe smtp`), and their defaults.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>

namespace smtp {

enum class Security {
  starttls,  // plain connect, then STARTTLS required before anything else (never falls back)
  smtps,     // TLS from the first byte
  none       // no TLS at all: only with allow_plaintext, for a relay on the same machine
};

// How the plugin signs in: not at all, with a password (SMTP AUTH PLAIN/LOGIN), or with an
// OAuth 2.0 access token (SASL XOAUTH2) from Microsoft's identity platform or Google.
enum class Auth { none, password, microsoft, google };

// The SMTP scopes of the two providers' tokens (Exchange Online: the Office 365 Exchange Online
// resource's .default scope; Gmail: the full mail scope, the only one that allows SMTP).
inline constexpr const char* kExchangeSmtpScope = "https://outlook.office365.com/.default";
inline constexpr const char* kGmailScope = "https://mail.google.com/";

struct Settings {
  std::string host;
  int port = 587;
  Security security = Security::starttls;
  std::string username;            // empty: no AUTH
  nlohmann::json password;         // the secret reference; resolved per call, never stored here
  std::string ca_file;             // extra CAs to trust (private CA, tests); empty: system store only
  bool verify_tls = true;
  int timeout_seconds = 30;
  std::string helo_name;           // empty: libcurl says the local host name in EHLO
  Auth auth = Auth::none;
  nlohmann::json raw;              // the settings as given: the OAuth grant reads its own from them
};

inline constexpr int kMaxTimeoutSeconds = 600;

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(), defaults applied; throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

const char* security_name(Security security);
int default_port(Security security);

// smtp://host:port/helo or smtps://…; IPv6 literals get brackets, the EHLO name is percent-encoded.
std::string server_url(const Settings& settings);

}  // namespace smtp
