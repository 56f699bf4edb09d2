#include "roster_reader.hpp"

#include "civil_date.hpp"
#include <lobsync/url.hpp>

#include <algorithm>
#include <vector>

namespace somtoday {

using lobsync::sdk::url_encode;

using lobsync::sdk::Error;
using nlohmann::json;

std::vector<json> choose_vestigingen(ConnectClient& client, const Settings& settings) {
  const json doc = client.get("/connect/vestiging");
  std::vector<json> permitted;
  if (doc.contains("vestigingen")) {
    if (!doc["vestigingen"].is_array()) {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, "GET /connect/vestiging: \"vestigingen\" is not a list");
    }
    for (const json& v : doc["vestigingen"]) {
      // The uuid goes into URL paths: only well-formed ones.
      if (v.is_object() && v.contains("uuid") && v["uuid"].is_string() && is_uuid(v["uuid"].get<std::string>())) {
        permitted.push_back(v);
      }
    }
  }
  if (settings.vestigingen.empty()) {
    if (permitted.empty()) throw Error(LOBSYNC_E_PERMANENT, "no permission for any vestiging of this organisation");
    return permitted;
  }
  std::vector<json> chosen;
  for (const auto& wanted : settings.vestigingen) {
    const auto it = std::find_if(permitted.begin(), permitted.end(),
                                 [&](const json& v) { return v["uuid"].get<std::string>() == wanted; });
    if (it == permitted.end()) {
      throw Error(LOBSYNC_E_CONFIG, "no permission for vestiging " + wanted + " (not among the permitted vestigingen)");
    }
    chosen.push_back(*it);
  }
  return chosen;
}

void read_roster(ConnectClient& client, const Settings& settings, const lobsync::sdk::Host& host,
                 lobsync::sdk::Emitter& emitter) {
  RecordSink out(emitter);
  RosterState state;
  state.today = amsterdam_date(host.now_unix_ms());

  const auto vestigingen = choose_vestigingen(client, settings);
  std::vector<std::string> ids;
  for (const json& v : vestigingen) {
    map_location(v, out);
    ids.push_back(v["uuid"].get<std::string>());
    state.locations.insert(ids.back());
  }
  auto each = [&](const char* endpoint, const char* envelope, auto&& map) {
    for (const auto& id : ids) {
      const std::string path = "/connect/vestiging/" + url_encode(id) + "/" + endpoint;
      client.for_each_item(path, envelope, [&](const json& item, long long offset) {
        if (!item.is_object()) {
          out.problem(std::string(endpoint) + " at offset " + std::to_string(offset), "", "not a JSON object", true);
          return;
        }
        map(item, id);
      });
    }
  };
  // Paths as the OpenAPI file spells them (ouderVerzorger/ and stamgroep/ with a slash).
  each("medewerker", "medewerkers", [&](const json& m, const std::string& v) { map_staff(m, v, state, out); });
  each("stamgroep/", "stamgroepen", [&](const json& g, const std::string& v) { map_group(g, v, state, out); });
  each("leerling", "leerlingen", [&](const json& l, const std::string& v) { map_student(l, v, state, out); });
  each("ouderVerzorger/", "ouderVerzorgers", [&](const json& o, const std::string&) { map_guardian(o, state, out); });
  host.info("somtoday: read " + std::to_string(ids.size()) + " vestiging(en), " + std::to_string(state.students.size()) +
            " students, " + std::to_string(state.guardians.size()) + " guardians, " +
            std::to_string(state.staff.size()) + " staff, " + std::to_string(state.group_levels.size()) + " groups");
}

}  // namespace somtoday
