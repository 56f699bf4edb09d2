#include "settings.hpp"

#include <lobsync/url.hpp>

namespace caldav {

namespace {

using namespace lobsync::sdk::settings;
using nlohmann::json;

constexpr std::string_view kPlaceholder = "{calendar}";

// The template must put the calendar in the path: in the host name it would send one mentor's
// password to another host.
std::string placeholder_in_path(const json& value) {
  const std::string url = value.get<std::string>();
  const std::size_t scheme_end = url.find("://");
  const std::size_t authority_end = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  const std::size_t placeholder = url.find(kPlaceholder);
  if (placeholder != std::string::npos && authority_end != std::string::npos && placeholder > authority_end) return "";
  return "must contain {calendar} in its path, e.g. https://dav.school.example/dav/calendars/{calendar}/lob/";
}

std::string no_colon(const json& value) {
  return value.get<std::string>().find(':') == std::string::npos ? ""
                                                                  : "must not contain ':' (HTTP Basic auth cannot carry it)";
}

void collection_url_or_calendars(const Values& values, lobsync::sdk::Problems& problems) {
  const bool calendars = values.raw("calendars").is_object() && !values.raw("calendars").empty();
  if (!values.given("collection_url") && !calendars) {
    problems.add("/collection_url", "missing (give collection_url, calendars, or both)");
  }
}

std::string with_slash(std::string url) {
  if (!url.ends_with('/')) url += '/';
  return url;
}

}  // namespace

const Declaration& declared_settings() {
  // Plain http goes only to loopback unless the administrator allowed it: Basic auth would
  // travel readable.
  static const Declaration declaration{
      {
          url("collection_url").plaintext_allowed_by("allow_plaintext").without_query().check(placeholder_in_path)
              .describe("template of a calendar collection URL with {calendar}, e.g. "
                        "https://dav.school.example/dav/calendars/{calendar}/lob/; the calendar key is percent-encoded "
                        "into it. {calendar} must be in the path"),
          map("calendars", url("").plaintext_allowed_by("allow_plaintext").without_query())
              .hint("of calendar key -> collection URL")
              .describe("calendar key -> explicit collection URL; overrides the template for that key. One of "
                        "collection_url and calendars is required"),
          text("username").together_with("password").check(no_colon)
              .describe("HTTP Basic user (no ':'); omit for a server without authentication"),
          secret("password").together_with("username").describe("an app password where the server has them"),
          boolean("allow_plaintext").default_to(false)
              .describe("allows http:// to other hosts than 127.0.0.1, localhost and [::1]. Without it plain http is "
                        "refused: the password would travel readable"),
          boolean("create_missing").default_to(false)
              .describe("MKCALENDAR a collection that does not exist yet, on the first calendar.put into it"),
          text("display_name").default_to(kDefaultDisplayName).describe("name of the collections it creates"),
          time_zone("school_timezone").default_to(kDefaultSchoolTimezone)
              .describe("reads all-day dates and floating times, and stands in for unknown TZIDs"),
          integer("timeout_seconds").range(1, kMaxTimeoutSeconds).default_to(kDefaultTimeoutSeconds)
              .describe("per HTTP attempt"),
          integer("max_attempts").range(1, 10).default_to(kDefaultMaxAttempts)
              .describe("attempts per request; the host retries connection failures, 408, 429 and 5xx with backoff "
                        "and Retry-After"),
      },
      {collection_url_or_calendars}};
  return declaration;
}

Settings parse_settings(const json& s) {
  const auto values = parse(declared_settings(), s);
  Settings out;
  out.collection_url = values.text("collection_url");
  for (const auto& [key, url] : values.raw("calendars").items()) out.calendars[key] = with_slash(url.get<std::string>());
  out.username = values.text("username");
  out.password = values.raw("password");
  out.allow_plaintext = values.boolean("allow_plaintext");
  out.create_missing = values.boolean("create_missing");
  out.display_name = values.text("display_name");
  out.timeout_seconds = values.integer("timeout_seconds");
  out.max_attempts = values.integer("max_attempts");
  out.school_timezone = values.text("school_timezone");
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
