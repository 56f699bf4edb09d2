#include "settings.hpp"

#include <lobsync/url.hpp>

#include <algorithm>
#include <array>

namespace dossier_webhook {

namespace {

using lobsync::sdk::Problems;
using nlohmann::json;

// Empty when `url` may receive records; otherwise why not. Records are personal data of minors:
// plain http only to loopback, unless the administrator allowed it (e.g. a platform on the same
// trusted network segment).
std::string check_url(const std::string& url, bool allow_plaintext) {
  if (allow_plaintext && url.starts_with("http://")) {
    auto why = lobsync::sdk::check_base_url("https://" + url.substr(7));
    return why.empty() ? why : "http://" + why.substr(why.find("://") + 3);
  }
  auto why = lobsync::sdk::check_base_url(url);
  if (why.starts_with("must be https://")) why += ", or set allow_plaintext";
  return why;
}

void check_int(const json& s, const char* key, int low, int high, Problems& problems) {
  if (!s.contains(key)) return;
  const json& v = s[key];
  if (!v.is_number_integer() || v.get<long long>() < low || v.get<long long>() > high) {
    problems.add(std::string("/") + key, "must be an integer from " + std::to_string(low) + " to " + std::to_string(high));
  }
}

bool is_secret_reference(const json& v) {
  return v.is_object() && v.size() == 1 && (v.contains("env") || v.contains("file")) && v.begin()->is_string() &&
         !v.begin()->get<std::string>().empty();
}

}  // namespace

void validate_settings(const json& s, Problems& problems) {
  static constexpr std::array<std::string_view, 5> known{"url", "secret", "allow_plaintext", "timeout_seconds",
                                                         "max_attempts"};
  for (const auto& [key, value] : s.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      problems.add("/" + key, "unknown setting (known: url, secret, allow_plaintext, timeout_seconds, max_attempts)");
    }
  }
  if (s.contains("allow_plaintext") && !s["allow_plaintext"].is_boolean()) {
    problems.add("/allow_plaintext", "must be true or false");
  }
  const bool plaintext = s.contains("allow_plaintext") && s["allow_plaintext"].is_boolean() &&
                         s["allow_plaintext"].get<bool>();
  if (!s.contains("url")) {
    problems.add("/url", "missing: the https:// address that receives the records");
  } else if (!s["url"].is_string()) {
    problems.add("/url", "must be a URL string");
  } else if (auto why = check_url(s["url"].get<std::string>(), plaintext); !why.empty()) {
    problems.add("/url", why);
  }
  if (!s.contains("secret")) {
    problems.add("/secret", R"(missing: the signing secret, as {"env":"NAME"} or {"file":"/path"})");
  } else if (!is_secret_reference(s["secret"])) {
    problems.add("/secret", R"(must be a secret reference: {"env":"NAME"} or {"file":"/path"})");
  }
  check_int(s, "timeout_seconds", 1, kMaxTimeoutSeconds, problems);
  check_int(s, "max_attempts", 1, 10, problems);
}

Settings parse_settings(const json& s) {
  Problems problems;
  validate_settings(s, problems);
  problems.throw_if_any();
  Settings out;
  out.url = s["url"].get<std::string>();
  out.secret = s["secret"];
  out.allow_plaintext = s.value("allow_plaintext", false);
  out.timeout_seconds = s.value("timeout_seconds", kDefaultTimeoutSeconds);
  out.max_attempts = s.value("max_attempts", kDefaultMaxAttempts);
  return out;
}

std::string Settings::host() const {
  const std::size_t start = url.find("://") + 3;
  const std::size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace dossier_webhook
