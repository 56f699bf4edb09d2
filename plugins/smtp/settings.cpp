#include "settings.hpp"

#include <lobsync/url.hpp>

#include <array>
#include <string_view>

namespace smtp {

namespace {

using lobsync::sdk::Problems;
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

void check_known_keys(const json& s, Problems& problems) {
  static constexpr std::array<std::string_view, 10> known{
      "host",    "port",       "security",        "allow_plaintext", "username",
      "password", "ca_file",   "verify_tls",      "timeout_seconds", "helo_name"};
  for (const auto& [key, value] : s.items()) {
    bool ok = false;
    for (auto k : known) ok = ok || key == k;
    if (!ok) problems.add("/" + key, "unknown setting");
  }
}

bool is_nonempty_string(const json& s, const char* key) {
  return s.contains(key) && s[key].is_string() && !s[key].get<std::string>().empty();
}

void check_optional_string(const json& s, const char* key, Problems& problems) {
  if (s.contains(key) && !is_nonempty_string(s, key)) problems.add(std::string("/") + key, "must be a non-empty string");
}

void check_optional_bool(const json& s, const char* key, Problems& problems) {
  if (s.contains(key) && !s[key].is_boolean()) problems.add(std::string("/") + key, "must be true or false");
}

void check_int_range(const json& s, const char* key, long long low, long long high, Problems& problems) {
  if (!s.contains(key)) return;
  const json& v = s[key];
  if (!v.is_number_integer() || v.get<long long>() < low || v.get<long long>() > high) {
    problems.add(std::string("/") + key,
                 "must be an integer from " + std::to_string(low) + " to " + std::to_string(high));
  }
}

void check_host(const json& s, Problems& problems) {
  if (!s.contains("host")) {
    problems.add("/host", "missing (the SMTP server, e.g. smtp.office365.com)");
  } else if (!s["host"].is_string() || !is_host(s["host"].get<std::string>())) {
    problems.add("/host", "must be a host name or an IP address (no scheme, port or path)");
  }
}

void check_security(const json& s, Problems& problems) {
  if (!s.contains("security")) return;
  const json& v = s["security"];
  if (!v.is_string() || (v != "starttls" && v != "smtps" && v != "none")) {
    problems.add("/security", R"(must be "starttls", "smtps" or "none")");
    return;
  }
  if (v == "none" && s.value("allow_plaintext", json(false)) != json(true)) {
    problems.add("/security", R"("none" sends mail unencrypted: allowed only with "allow_plaintext": true, for a relay on the same machine)");
  }
}

// Credentials come as a pair, the password only as a secret reference, and never over plain text.
void check_credentials(const json& s, Problems& problems) {
  const bool has_user = s.contains("username");
  const bool has_password = s.contains("password");
  check_optional_string(s, "username", problems);
  if (has_password) {
    const json& v = s["password"];
    const bool reference = v.is_object() && v.size() == 1 && (v.contains("env") || v.contains("file")) &&
                           v.begin()->is_string();
    if (!reference) problems.add("/password", R"(must be a secret reference: {"env":"NAME"} or {"file":"/path"})");
  }
  if (has_user && !has_password) problems.add("/password", "missing (username and password go together)");
  if (has_password && !has_user) problems.add("/username", "missing (username and password go together)");
  if ((has_user || has_password) && s.value("security", json("starttls")) == json("none")) {
    problems.add("/username", R"(credentials are never sent without TLS: use "starttls" or "smtps")");
  }
}

Security parse_security(const json& s) {
  const auto name = s.value("security", std::string("starttls"));
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

void validate_settings(const json& s, Problems& problems) {
  check_known_keys(s, problems);
  check_host(s, problems);
  check_int_range(s, "port", 1, 65535, problems);
  check_security(s, problems);
  check_optional_bool(s, "allow_plaintext", problems);
  check_credentials(s, problems);
  check_optional_string(s, "ca_file", problems);
  check_optional_bool(s, "verify_tls", problems);
  check_int_range(s, "timeout_seconds", 1, kMaxTimeoutSeconds, problems);
  if (s.contains("helo_name") && !(s["helo_name"].is_string() && is_helo_name(s["helo_name"].get<std::string>()))) {
    problems.add("/helo_name", "must be a domain name (e.g. planner.school.example) or an address literal ([192.0.2.1])");
  }
}

Settings parse_settings(const json& s) {
  Problems problems;
  validate_settings(s, problems);
  problems.throw_if_any();
  Settings out;
  out.host = s["host"].get<std::string>();
  out.security = parse_security(s);
  out.port = s.value("port", default_port(out.security));
  out.username = s.value("username", std::string());
  if (s.contains("password")) out.password = s["password"];
  out.ca_file = s.value("ca_file", std::string());
  out.verify_tls = s.value("verify_tls", true);
  out.timeout_seconds = s.value("timeout_seconds", 30);
  out.helo_name = s.value("helo_name", std::string());
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
