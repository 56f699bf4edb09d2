#include "settings.hpp"

#include <lobsync/url.hpp>

#include <cctype>

namespace somtoday {

using lobsync::sdk::check_base_url;

namespace {

using nlohmann::json;

void check_string(const json& s, const char* key, bool required, lobsync::sdk::Problems& problems) {
  const std::string path = std::string("/") + key;
  if (!s.contains(key)) {
    if (required) problems.add(path, "missing");
    return;
  }
  if (!s[key].is_string() || s[key].get<std::string>().empty()) problems.add(path, "must be a non-empty string");
}

void check_url(const json& s, const char* key, lobsync::sdk::Problems& problems) {
  if (!s.contains(key)) return;
  if (!s[key].is_string()) {
    problems.add(std::string("/") + key, "must be a URL string");
    return;
  }
  if (auto why = check_base_url(s[key].get<std::string>()); !why.empty()) problems.add(std::string("/") + key, why);
}

// The secret must live outside the config file, so an inline string is refused outright.
void check_secret(const json& s, lobsync::sdk::Problems& problems) {
  if (!s.contains("client_secret")) {
    problems.add("/client_secret", "missing");
    return;
  }
  const json& v = s["client_secret"];
  const bool reference = v.is_object() && v.size() == 1 &&
                         (v.contains("env") || v.contains("file")) && v.begin()->is_string();
  if (!reference) {
    problems.add("/client_secret", R"(must be a secret reference: {"env":"NAME"} or {"file":"/path"})");
  }
}

}  // namespace

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

void validate_settings(const json& s, lobsync::sdk::Problems& problems) {
  static const char* known[] = {"organisation", "client_id", "client_secret", "api_url",
                                "token_url",    "vestigingen", "page_size", "timetable_weeks",
                                "cancelled_afspraaktypes"};
  for (const auto& [key, value] : s.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) problems.add("/" + key, "unknown setting");
  }
  check_string(s, "organisation", true, problems);
  if (s.contains("organisation") && s["organisation"].is_string() && !is_uuid(s["organisation"].get<std::string>())) {
    problems.add("/organisation", "must be the instelling UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
  }
  check_string(s, "client_id", true, problems);
  check_secret(s, problems);
  check_url(s, "api_url", problems);
  check_url(s, "token_url", problems);
  if (s.contains("vestigingen")) {
    const json& v = s["vestigingen"];
    if (!v.is_array()) {
      problems.add("/vestigingen", "must be a list of vestiging UUIDs");
    } else {
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string() || !is_uuid(v[i].get<std::string>())) {
          problems.add("/vestigingen/" + std::to_string(i), "must be a vestiging UUID");
        }
      }
    }
  }
  if (s.contains("page_size")) {
    const json& v = s["page_size"];
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > kMaxPageSize) {
      problems.add("/page_size", "must be an integer from 1 to 200 (the API's maximum)");
    }
  }
  if (s.contains("timetable_weeks")) {
    const json& v = s["timetable_weeks"];
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > kMaxTimetableWeeks) {
      problems.add("/timetable_weeks", "must be a whole number of weeks from 1 to 52");
    }
  }
  if (s.contains("cancelled_afspraaktypes")) {
    const json& v = s["cancelled_afspraaktypes"];
    if (!v.is_array()) {
      problems.add("/cancelled_afspraaktypes", "must be a list of afspraaktype names, e.g. [\"Vervallen\"]");
    } else {
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string() || v[i].get<std::string>().empty()) {
          problems.add("/cancelled_afspraaktypes/" + std::to_string(i), "must be a non-empty string");
        }
      }
    }
  }
}

Settings parse_settings(const json& s) {
  lobsync::sdk::Problems problems;
  validate_settings(s, problems);
  problems.throw_if_any();
  Settings out;
  out.organisation = s["organisation"].get<std::string>();
  out.client_id = s["client_id"].get<std::string>();
  out.client_secret = s["client_secret"];
  out.api_url = s.value("api_url", std::string(kDefaultApiUrl));
  while (out.api_url.ends_with('/')) out.api_url.pop_back();
  out.token_url = s.value("token_url", std::string(kDefaultTokenUrl));
  if (s.contains("vestigingen")) out.vestigingen = s["vestigingen"].get<std::vector<std::string>>();
  out.page_size = s.value("page_size", kMaxPageSize);
  out.timetable_weeks = s.value("timetable_weeks", kDefaultTimetableWeeks);
  if (s.contains("cancelled_afspraaktypes")) {
    out.cancelled_afspraaktypes = s["cancelled_afspraaktypes"].get<std::vector<std::string>>();
  }
  return out;
}

}  // namespace somtoday
