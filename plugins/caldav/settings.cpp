#include "settings.hpp"

#include <lobsync/url.hpp>

#include <date/tz.h>

#include <algorithm>
#include <array>

namespace caldav {

namespace {

using lobsync::sdk::Problems;
using nlohmann::json;

constexpr std::string_view kPlaceholder = "{calendar}";

// Empty when `url` may serve as a collection URL; otherwise why not. Plain http goes only to
// loopback unless the administrator allowed it: Basic auth would travel readable.
std::string check_collection_url(const std::string& url, bool allow_plaintext) {
  if (url.find_first_of("?#") != std::string::npos) return "must not contain a query or fragment";
  if (allow_plaintext && url.starts_with("http://")) {
    auto why = lobsync::sdk::check_base_url("https://" + url.substr(7));
    return why.empty() ? why : "http://" + why.substr(why.find("://") + 3);
  }
  auto why = lobsync::sdk::check_base_url(url);
  if (why.starts_with("must be https://")) why += ", or set allow_plaintext";
  return why;
}

bool is_bool_or_absent(const json& s, const char* key) { return !s.contains(key) || s[key].is_boolean(); }

void check_int(const json& s, const char* key, int low, int high, Problems& problems) {
  if (!s.contains(key)) return;
  const json& v = s[key];
  if (!v.is_number_integer() || v.get<long long>() < low || v.get<long long>() > high) {
    problems.add(std::string("/") + key, "must be an integer from " + std::to_string(low) + " to " + std::to_string(high));
  }
}

void check_credentials(const json& s, Problems& problems) {
  if (s.contains("username")) {
    const json& u = s["username"];
    if (!u.is_string() || u.get<std::string>().empty()) {
      problems.add("/username", "must be a non-empty string");
    } else if (u.get<std::string>().find(':') != std::string::npos) {
      problems.add("/username", "must not contain ':' (HTTP Basic auth cannot carry it)");
    }
    if (!s.contains("password")) problems.add("/password", "missing (required with username)");
  }
  if (s.contains("password")) {
    const json& v = s["password"];
    const bool reference =
        v.is_object() && v.size() == 1 && (v.contains("env") || v.contains("file")) && v.begin()->is_string();
    if (!reference) problems.add("/password", R"(must be a secret reference: {"env":"NAME"} or {"file":"/path"})");
    if (!s.contains("username")) problems.add("/username", "missing (required with password)");
  }
}

bool is_time_zone(const json& v) {
  if (!v.is_string()) return false;
  try {
    (void)date::locate_zone(v.get<std::string>());
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string with_slash(std::string url) {
  if (!url.ends_with('/')) url += '/';
  return url;
}

}  // namespace

void validate_settings(const json& s, Problems& problems) {
  static constexpr std::array<std::string_view, 10> known{
      "collection_url",  "calendars",    "username",        "password",     "allow_plaintext",
      "create_missing",  "display_name", "timeout_seconds", "max_attempts", "school_timezone"};
  for (const auto& [key, value] : s.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) problems.add("/" + key, "unknown setting");
  }
  for (const char* key : {"allow_plaintext", "create_missing"}) {
    if (!is_bool_or_absent(s, key)) problems.add(std::string("/") + key, "must be true or false");
  }
  const bool plaintext = s.contains("allow_plaintext") && s["allow_plaintext"].is_boolean() &&
                         s["allow_plaintext"].get<bool>();

  const bool has_template = s.contains("collection_url");
  if (has_template) {
    const json& v = s["collection_url"];
    if (!v.is_string()) {
      problems.add("/collection_url", "must be a URL string with {calendar}");
    } else {
      const std::string url = v.get<std::string>();
      const std::size_t authority_end = url.find('/', url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
      const std::size_t placeholder = url.find(kPlaceholder);
      if (placeholder == std::string::npos || authority_end == std::string::npos || placeholder < authority_end) {
        problems.add("/collection_url", "must contain {calendar} in its path, e.g. https://dav.school.example/dav/calendars/{calendar}/lob/");
      } else if (auto why = check_collection_url(url, plaintext); !why.empty()) {
        problems.add("/collection_url", why);
      }
    }
  }
  bool has_calendars = false;
  if (s.contains("calendars")) {
    const json& v = s["calendars"];
    if (!v.is_object()) {
      problems.add("/calendars", "must be an object of calendar key -> collection URL");
    } else {
      has_calendars = !v.empty();
      for (const auto& [key, url] : v.items()) {
        const std::string path = (json::json_pointer("/calendars") / key).to_string();
        if (!url.is_string()) {
          problems.add(path, "must be a collection URL string");
        } else if (auto why = check_collection_url(url.get<std::string>(), plaintext); !why.empty()) {
          problems.add(path, why);
        }
      }
    }
  }
  if (!has_template && !has_calendars) {
    problems.add("/collection_url", "missing (give collection_url, calendars, or both)");
  }
  check_credentials(s, problems);
  if (s.contains("display_name") && (!s["display_name"].is_string() || s["display_name"].get<std::string>().empty())) {
    problems.add("/display_name", "must be a non-empty string");
  }
  if (s.contains("school_timezone") && !is_time_zone(s["school_timezone"])) {
    problems.add("/school_timezone", "must be a time zone name of the tz database, e.g. Europe/Amsterdam");
  }
  check_int(s, "timeout_seconds", 1, kMaxTimeoutSeconds, problems);
  check_int(s, "max_attempts", 1, 10, problems);
}

Settings parse_settings(const json& s) {
  Problems problems;
  validate_settings(s, problems);
  problems.throw_if_any();
  Settings out;
  out.collection_url = s.value("collection_url", std::string());
  if (s.contains("calendars")) {
    for (const auto& [key, url] : s["calendars"].items()) out.calendars[key] = with_slash(url.get<std::string>());
  }
  out.username = s.value("username", std::string());
  if (s.contains("password")) out.password = s["password"];
  out.allow_plaintext = s.value("allow_plaintext", false);
  out.create_missing = s.value("create_missing", false);
  out.display_name = s.value("display_name", std::string(kDefaultDisplayName));
  out.timeout_seconds = s.value("timeout_seconds", kDefaultTimeoutSeconds);
  out.max_attempts = s.value("max_attempts", kDefaultMaxAttempts);
  out.school_timezone = s.value("school_timezone", std::string(kDefaultSchoolTimezone));
  return out;
}

std::optional<std::string> Settings::collection(const std::string& key) const {
  if (auto it = calendars.find(key); it != calendars.end()) return it->second;
  // "." and ".." survive percent-encoding and would walk up the URL path.
  if (collection_url.empty() || key.empty() || key == "." || key == "..") return std::nullopt;
  std::string url = collection_url;
  const std::string encoded = lobsync::sdk::url_encode(key);
  for (auto at = url.find(kPlaceholder); at != std::string::npos; at = url.find(kPlaceholder, at + encoded.size())) {
    url.replace(at, kPlaceholder.size(), encoded);
  }
  return with_slash(url);
}

std::string Settings::host() const {
  const std::string& url = !collection_url.empty() ? collection_url : calendars.begin()->second;
  const std::size_t start = url.find("://") + 3;
  const std::size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace caldav
