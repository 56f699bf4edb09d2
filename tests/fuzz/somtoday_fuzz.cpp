// The Somtoday plugin's mapping of Connect API objects (plugins/somtoday/map_records.cpp with
// its date and level readers), in the order roster_reader.cpp reads the pages, and its reading
// of error bodies. The input is one JSON document standing for the answers of one read:
//
//   {"today": "2026-10-01", "vestigingen": [...], "medewerkers": [...], "stamgroepen": [...],
//    "leerlingen": [...], "ouderVerzorgers": [...], "error": "<an error body, as text>"}
//
// Each list is read as the page of every vestiging (at most two), as the API repeats staff and
// guardians across vestigingen. Anything else in the input is ignored; text that is not JSON is
// read as an error body only.
//
// Invariants: nothing throws (the mapping meets the vendor's objects as they come); every
// emitted document is a roster record or problem the host can take; guardians link only
// students this read emitted, and each student, staff member and guardian is emitted once;
// a described error body is at most 300 bytes and an ellipsis.
#include "fuzz_support.hpp"

#include "somtoday/connect_client.hpp"
#include "somtoday/map_records.hpp"
#include "somtoday/settings.hpp"

#include <set>

namespace {

using nlohmann::json;

const json& list(const json& doc, const char* key) {
  static const json empty = json::array();
  return doc.contains(key) && doc[key].is_array() ? doc[key] : empty;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const json doc = json::parse(text, nullptr, false);

  const std::string body = doc.is_object() && doc.contains("error") && doc["error"].is_string() ? doc["error"].get<std::string>()
                                                                                              : std::string(text);
  const std::string described = somtoday::describe_error_body(body);
  fuzz::check(described.size() <= 300 + std::string_view("…").size(), "a described error body is short");
  if (!doc.is_object()) return 0;

  fuzz::Collector collector;
  somtoday::RecordSink out(collector.emitter());
  somtoday::RosterState state;
  state.today = doc.contains("today") && doc["today"].is_string() ? doc["today"].get<std::string>() : "2026-10-01";

  std::vector<std::string> ids;
  for (const json& v : list(doc, "vestigingen")) {
    if (!v.is_object() || !v.contains("uuid") || !v["uuid"].is_string() || !somtoday::is_uuid(v["uuid"].get<std::string>())) continue;
    if (ids.size() == 2) break;
    somtoday::map_location(v, out);
    ids.push_back(v["uuid"].get<std::string>());
    state.locations.insert(ids.back());
  }
  const auto each = [&](const char* key, const auto& map) {
    for (const auto& id : ids) {
      for (const json& item : list(doc, key)) {
        if (!item.is_object()) {
          out.problem(std::string(key) + " item", "", "not a JSON object", true);
          continue;
        }
        map(item, id);
      }
    }
  };
  each("medewerkers", [&](const json& m, const std::string& v) { somtoday::map_staff(m, v, state, out); });
  each("stamgroepen", [&](const json& g, const std::string& v) { somtoday::map_group(g, v, state, out); });
  each("leerlingen", [&](const json& l, const std::string& v) { somtoday::map_student(l, v, state, out); });
  each("ouderVerzorgers", [&](const json& o, const std::string&) { somtoday::map_guardian(o, state, out); });

  std::map<std::string, std::set<std::string>> emitted;
  for (const auto& record : collector.documents()) {
    fuzz::check_roster_document(record);
    if (!record.contains("source_id")) continue;
    const bool first = emitted[record["kind"].get<std::string>()].insert(record["source_id"].get<std::string>()).second;
    if (record["kind"] != "location") fuzz::check_doc(first, "a record is emitted once", record);
  }
  for (const auto& record : collector.documents()) {
    if (record["kind"] != "guardian") continue;
    for (const auto& link : record["students"]) {
      fuzz::check_doc(emitted["student"].contains(link["student"].get<std::string>()), "a guardian links emitted students", record);
    }
  }
  return 0;
}
