#include "planning/busy_reader.h"

#include "core/iso_time.h"
#include "planning/invitations.h"

namespace lobsync::planning {

using nlohmann::json;

OwnMeetings own_meetings(const std::vector<domain::Meeting>& meetings, const domain::Policy& policy) {
  OwnMeetings out;
  for (const auto& m : meetings) {
    out.uids.insert(meeting_uid(m, policy));
    if (m.active()) out.times.emplace(m.mentor, m.start, m.end);
  }
  out.writers.insert(policy.calendars.begin(), policy.calendars.end());
  return out;
}

BusyRead read_busy(plugin_host::PluginRuntime& plugins, const domain::School& school,
                   const std::set<std::string>& mentors, Instant from, Instant to, const OwnMeetings& own) {
  BusyRead out;
  json everyone = json::array();
  for (const auto& key : mentors) {
    auto it = school.staff.find(key);
    if (it == school.staff.end()) continue;
    const auto colon = key.find(':');
    everyone.push_back({{"id", key},
                        {"source", key.substr(0, colon)},
                        {"source_id", colon == std::string::npos ? key : key.substr(colon + 1)},
                        {"email", it->second.email},
                        {"abbreviation", it->second.abbreviation},
                        {"calendar", it->second.email}});
  }
  if (everyone.empty()) return out;
  for (auto* source : plugins.instances_with(plugin_host::Capability::busy_source)) {
    // A SIS plugin knows only the staff it synced itself; a calendar knows everyone's address.
    json people = json::array();
    const bool roster_source = source->has(plugin_host::Capability::roster_source);
    for (const auto& p : everyone)
      if (!roster_source || p["source"] == source->name()) people.push_back(p);
    if (people.empty()) continue;
    const json request = {{"from", iso_utc(from)}, {"to", iso_utc(to)}, {"people", people}};
    const bool holds_copies = own.writers.count(source->name()) > 0;
    std::size_t bad = 0;
    const auto result = source->call("busy.read", request, [&](std::string_view text) {
      const auto doc = json::parse(text, nullptr, false);
      if (!doc.is_object() || !doc.contains("person") || !doc["person"].is_string()) {
        ++bad;
        return true;
      }
      const auto person = doc["person"].get<std::string>();
      if (doc.contains("error") || doc.contains("problem")) {
        out.warnings.push_back(source->name() + ": " + person + ": " +
                               doc.value(doc.contains("error") ? "error" : "problem", std::string("?")));
        return true;
      }
      if (doc.contains("uid") && doc["uid"].is_string() && own.uids.count(doc["uid"].get<std::string>())) return true;
      const auto start = parse_iso_utc(doc.value("start", std::string()));
      const auto end = parse_iso_utc(doc.value("end", std::string()));
      if (!start || !end || *end <= *start) {
        ++bad;
        return true;
      }
      if (holds_copies && !doc.contains("uid") && own.times.count({person, *start, *end})) return true;  // a copy
      out.busy.push_back({person, *start, *end});
      return true;
    });
    if (!result.ok()) {
      throw BusySourceError("busy times from '" + source->name() + "' could not be read (" +
                            plugin_host::status_name(result.status) + ": " + result.error +
                            "); nothing was planned");
    }
    if (bad > 0) out.warnings.push_back(source->name() + ": " + std::to_string(bad) + " busy intervals were malformed and ignored");
  }
  return out;
}

}  // namespace lobsync::planning
