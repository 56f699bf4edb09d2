#include "settings.hpp"

#include <cctype>

namespace zermelo {

namespace {

using namespace lobsync::sdk::settings;
using nlohmann::json;

// The portal's name is the first label of its host name: [school].zportal.nl.
std::string school_name(const json& value) {
  const std::string name = value.get<std::string>();
  bool ok = !name.empty() && name.size() <= 63 && name.front() != '-' && name.back() != '-';
  for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  return ok ? "" : "must be the portal's name as in https://NAME.zportal.nl (lower-case letters, digits, '-')";
}

std::string user_code(const json& value) {
  return is_user_code(value.get<std::string>()) ? ""
                                                : "must be a Zermelo user code (letters, digits, '.', '_', '-'; at most 32)";
}

void school_or_portal_url(const Values& values, lobsync::sdk::Problems& problems) {
  if (!values.given("school") && !values.given("portal_url")) {
    problems.add("/school", "missing (give school, e.g. \"stedelijkcollege\" for https://stedelijkcollege.zportal.nl, or portal_url)");
  }
}

}  // namespace

std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool is_user_code(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

const Declaration& declared_settings() {
  static const Declaration declaration{
      {
          text("school").check(school_name)
              .describe("the portal's name: NAME in https://NAME.zportal.nl. One of school and portal_url is required"),
          url("portal_url").without_query()
              .describe("the portal's address instead of school, e.g. https://NAME.zportal.nl (the API is under "
                        "/api/v3); wins over school"),
          secret("token").required()
              .describe("the API token made in the portal (Beheer > Admin-paneel > API Tokens) for a user who may read "
                        "every teacher's schedule; an inline string is refused"),
          text("token_in").one_of({"header", "query"}).default_to("header")
              .describe("how the token travels: header (Authorization: Bearer) or query (access_token=, as Zermelo's "
                        "documentation shows; it then appears in the portal's request logs)"),
          integer("teachers_per_request").range(1, kMaxTeachersPerRequest).default_to(1)
              .describe("1: one request per teacher (user=CODE); more: teachers=A,B,… in one request, attributed by "
                        "each appointment's teachers (a guess about the API, see README)"),
          integer("days_per_request").range(1, kMaxDaysPerRequest).default_to(kDefaultDaysPerRequest)
              .describe("the window is read in parts of this many days, so no answer is large or slow"),
          list("free_types", text(""))
              .hint(R"(of appointment types, e.g. ["choice"])")
              .default_to(json::array({"choice"}))
              .describe("appointment types (case-insensitive) that do not make a teacher busy; every other type does"),
          map("codes", text("").check(user_code))
              .hint("of e-mail address or abbreviation -> Zermelo user code")
              .describe("a staff member's Zermelo user code where it is not their abbreviation: keyed by e-mail address "
                        "or abbreviation (case-insensitive)"),
          integer("timeout_seconds").range(1, kMaxTimeoutSeconds).default_to(kDefaultTimeoutSeconds)
              .describe("per HTTP attempt (Zermelo itself stops a request after 60 s)"),
          integer("max_attempts").range(1, 10).default_to(kDefaultMaxAttempts)
              .describe("attempts per request; the host retries connection failures, 408, 429 and 5xx with backoff "
                        "and Retry-After"),
      },
      {school_or_portal_url}};
  return declaration;
}

Settings parse_settings(const json& s) {
  const auto values = parse(declared_settings(), s);
  Settings out;
  out.portal_url = values.given("portal_url") ? values.text("portal_url")
                                              : "https://" + values.text("school") + ".zportal.nl";
  while (out.portal_url.ends_with('/')) out.portal_url.pop_back();
  out.token = values.raw("token");
  out.token_in = values.text("token_in") == "query" ? TokenIn::query : TokenIn::header;
  out.teachers_per_request = values.integer("teachers_per_request");
  out.days_per_request = values.integer("days_per_request");
  out.free_types.clear();
  for (const auto& t : values.texts("free_types")) out.free_types.push_back(lower_ascii(t));
  for (const auto& [key, code] : values.raw("codes").items()) out.codes[lower_ascii(key)] = code.get<std::string>();
  out.timeout_seconds = values.integer("timeout_seconds");
  out.max_attempts = values.integer("max_attempts");
  return out;
}

}  // namespace zermelo
