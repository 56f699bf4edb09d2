#include "settings.hpp"

#include <lobsync/oauth2_settings.hpp>
#include <lobsync/url.hpp>

#include <string_view>

namespace smtp {

namespace {

using lobsync::sdk::Problems;
using namespace lobsync::sdk::settings;
using nlohmann::json;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_';
}

bool all_of(std::string_view text, bool (*ok)(char)) {
  for (char c : text) {
    if (!ok(c)) return false;
  }
  return true;
}

bool is_ipv6_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

// A DNS name, an IPv4 address or an IPv6 address (bare or in brackets): nothing that could
// smuggle a path, user info or a second URL into the one handed to libcurl.
bool is_host(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.find(':') != std::string_view::npos) return all_of(host, is_ipv6_char);
  return all_of(host, is_name_char);
}

// What a client may say in EHLO (RFC 5321 4.1.1.1): a domain or an address literal.
bool is_helo_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  if (name.front() == '[' && name.back() == ']') {
    auto literal = name.substr(1, name.size() - 2);
    if (literal.starts_with("IPv6:")) literal.remove_prefix(5);
    return !literal.empty() && all_of(literal, is_ipv6_char);
  }
  return all_of(name, is_name_char);
}

std::string host_check(const json& value) {
  return is_host(value.get<std::string>()) ? "" : "must be a host name or an IP address (no scheme, port or path)";
}

std::string helo_check(const json& value) {
  return is_helo_name(value.get<std::string>())
             ? ""
             : "must be a domain name (e.g. planner.school.example) or an address literal ([192.0.2.1])";
}

void plaintext_only_when_allowed(const Values& values, Problems& problems) {
  if (values.text("security") == "none" && !values.boolean("allow_plaintext")) {
    problems.add("/security", R"("none" sends mail unencrypted: allowed only with "allow_plaintext": true, for a relay on the same machine)");
  }
}

// Credentials never travel over plain text.
void credentials_only_over_tls(const Values& values, Problems& problems) {
  if ((values.given("username") || values.given("password") || values.text("auth") == "oauth2") &&
      values.text("security") == "none") {
    problems.add("/username", R"(credentials are never sent without TLS: use "starttls" or "smtps")");
  }
}

const char* const kOauthKeys[] = {"tenant", "client_id", "client_secret", "certificate", "private_key",
                                  "authority_url", "service_account_key", "google_token_url"};

// password: user name and password together (or neither: a relay that needs no AUTH).
// oauth2: the mailbox as user name, and exactly one provider's credentials.
void credentials_fit_auth(const Values& values, Problems& problems) {
  if (values.text("auth") != "oauth2") {
    if (values.given("username") && !values.given("password")) problems.add("/password", "missing (required with username)");
    if (values.given("password") && !values.given("username")) problems.add("/username", "missing (required with password)");
    for (const char* key : kOauthKeys) {
      if (values.given(key)) problems.add(std::string("/") + key, R"(only with "auth": "oauth2")");
    }
    return;
  }
  if (values.given("password")) problems.add("/password", R"(not with "auth": "oauth2": the token replaces the password)");
  if (!values.given("username")) {
    problems.add("/username", R"(missing: with "auth": "oauth2" the mailbox that sends, e.g. planner@school.example)");
  }
  const bool google = values.given("service_account_key");
  const bool microsoft = values.given("tenant") || values.given("client_id") || values.given("client_secret") ||
                         values.given("certificate");
  if (google && microsoft) {
    problems.add("/service_account_key", "give Microsoft's settings (tenant, client_id, …) or Google's service_account_key, not both");
  } else if (!google) {
    lobsync::sdk::oauth2::check_microsoft_credentials(values, problems, false);
  }
}

Security parse_security(const std::string& name) {
  if (name == "smtps") return Security::smtps;
  if (name == "none") return Security::none;
  return Security::starttls;
}

}  // namespace

const char* security_name(Security security) {
  switch (security) {
    case Security::starttls: return "starttls";
    case Security::smtps: return "smtps";
    case Security::none: return "none";
  }
  return "starttls";
}

int default_port(Security security) {
  switch (security) {
    case Security::starttls: return 587;
    case Security::smtps: return 465;
    case Security::none: return 25;
  }
  return 587;
}

namespace {

std::vector<Setting> with_oauth_settings(std::vector<Setting> own) {
  for (auto& s : lobsync::sdk::oauth2::microsoft_settings(false)) own.push_back(std::move(s));
  for (auto& s : lobsync::sdk::oauth2::google_settings()) own.push_back(std::move(s));
  return own;
}

}  // namespace

const Declaration& declared_settings() {
  static const Declaration declaration{
      with_oauth_settings({
          text("host").required().check(host_check).hint("(the server's host name or IP address)")
              .describe("the SMTP server: a host name or an IP address, no scheme or port"),
          integer("port").range(1, 65535).default_is("587 (starttls), 465 (smtps), 25 (none)").describe("the server's port"),
          text("security").one_of({"starttls", "smtps", "none"}).default_to("starttls")
              .describe("starttls: STARTTLS is required before anything is sent; a server that does not offer it "
                        "fails the send (never a fallback to plain text). smtps: TLS from the first byte. none: no "
                        "TLS at all, only with allow_plaintext"),
          boolean("allow_plaintext").default_to(false)
              .describe("must be true for security none; meant for a relay on the same machine (e.g. a local "
                        "Postfix that signs with DKIM and relays onwards over TLS)"),
          text("auth").one_of({"password", "oauth2"}).default_to("password")
              .describe("password: SMTP AUTH PLAIN/LOGIN with username and password (or no AUTH without them). "
                        "oauth2: SASL XOAUTH2 with an access token, from Microsoft 365 (tenant, client_id, "
                        "client_secret or certificate + private_key) or Google (service_account_key)"),
          text("username").describe("SMTP AUTH user, with password; with auth oauth2 the mailbox that sends"),
          secret("password")
              .describe("resolved when the instance is created (so a missing secret shows at start) and again for "
                        "every call (so a rotated file takes effect)"),
          path("ca_file", PathUse::read_file)
              .describe("a PEM bundle with extra CAs to trust (a private CA); replaces libcurl's bundle file, while "
                        "the system's CA directory stays trusted"),
          boolean("verify_tls").default_to(true)
              .describe("false skips certificate and host name checks; the instance logs a warning when it is "
                        "created. Only for a test relay"),
          integer("timeout_seconds").range(1, kMaxTimeoutSeconds).default_to(30)
              .describe("the longest silence allowed: connecting, waiting for a reply, or a stalled upload"),
          text("helo_name").check(helo_check).default_is("the machine's host name")
              .describe("the name said in EHLO, a domain or an [address literal]; relays that check it want a name "
                        "that resolves to the sender"),
      }),
      {plaintext_only_when_allowed, credentials_only_over_tls, credentials_fit_auth}};
  return declaration;
}

Settings parse_settings(const json& s) {
  const auto values = parse(declared_settings(), s);
  Settings out;
  out.host = values.text("host");
  out.security = parse_security(values.text("security"));
  out.port = values.given("port") ? values.integer("port") : default_port(out.security);
  out.username = values.text("username");
  out.password = values.raw("password");
  out.ca_file = values.text("ca_file");
  out.verify_tls = values.boolean("verify_tls");
  out.timeout_seconds = values.integer("timeout_seconds");
  out.helo_name = values.text("helo_name");
  if (values.text("auth") == "oauth2") {
    out.auth = values.given("service_account_key") ? Auth::google : Auth::microsoft;
  } else if (!out.username.empty()) {
    out.auth = Auth::password;
  }
  out.raw = s;
  return out;
}

std::string server_url(const Settings& settings) {
  std::string host = settings.host;
  if (host.find(':') != std::string::npos && !host.starts_with("[")) host = "[" + host + "]";
  std::string url = settings.security == Security::smtps ? "smtps://" : "smtp://";
  url += host + ":" + std::to_string(settings.port) + "/";
  // libcurl decodes the path and says it in EHLO; encoding keeps an address literal's brackets
  // from being read as URL syntax.
  if (!settings.helo_name.empty()) url += lobsync::sdk::url_encode(settings.helo_name);
  return url;
}

}  // namespace smtp
