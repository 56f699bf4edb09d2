#include "settings.hpp"

#include <cctype>

namespace somtoday {

namespace {

using namespace lobsync::sdk::settings;
using nlohmann::json;

std::string uuid_check(const json& value) {
  return is_uuid(value.get<std::string>()) ? "" : "must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)";
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

const Declaration& declared_settings() {
  static const Declaration declaration{{
      text("organisation").required().check(uuid_check)
          .describe("the instelling UUID (from GET /connect/instelling, never from end users)"),
      text("client_id").required().describe("from the Somtoday Connect partner programme"),
      secret("client_secret").required().describe("the client secret; an inline string is refused"),
      url("api_url").default_to(kDefaultApiUrl).describe("test: https://api.test.somtoday.nl/rest/v1"),
      url("token_url").default_to(kDefaultTokenUrl).describe("test: https://inloggen.test.somtoday.nl/oauth2/token"),
      list("vestigingen", text("").check(uuid_check))
          .hint("of vestiging UUIDs")
          .default_is("all permitted")
          .describe("vestiging UUIDs to read, only these; one that is not permitted fails the read (LOBSYNC_E_CONFIG)"),
      integer("page_size").range(1, kMaxPageSize).default_to(kMaxPageSize)
          .describe("amount per page (the API's maximum is 200)"),
      integer("timetable_weeks").range(1, kMaxTimetableWeeks).default_to(kDefaultTimetableWeeks)
          .describe("busy.read: ISO weeks of roosters read, from the week of from; later lessons are unknown"),
      list("cancelled_afspraaktypes", text(""))
          .hint(R"(of afspraaktype names, e.g. ["Vervallen"])")
          .default_to(json::array({"Vervallen", "Uitval"}))
          .describe("busy.read: afspraaktype values (case-insensitive) of lessons that do not take place"),
  }};
  return declaration;
}

Settings parse_settings(const json& s) {
  const auto values = parse(declared_settings(), s);
  Settings out;
  out.organisation = values.text("organisation");
  out.client_id = values.text("client_id");
  out.client_secret = values.raw("client_secret");
  out.api_url = values.text("api_url");
  while (out.api_url.ends_with('/')) out.api_url.pop_back();
  out.token_url = values.text("token_url");
  out.vestigingen = values.texts("vestigingen");
  out.page_size = values.integer("page_size");
  out.timetable_weeks = values.integer("timetable_weeks");
  out.cancelled_afspraaktypes = values.texts("cancelled_afspraaktypes");
  return out;
}

}  // namespace somtoday
