#include "schedule_reader.hpp"

#include <lobsync/json_members.hpp>
#include <lobsync/ascii.hpp>
#include <lobsync/dates.hpp>
#include <lobsync/url.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace microsoft365 {

namespace {

using lobsync::sdk::string_member;
using lobsync::sdk::ascii_lower;

using lobsync::sdk::UtcSeconds;
using nlohmann::json;

// Graph's dateTimeTimeZone in UTC ("2026-10-19T08:00:00.0000000", "UTC"): asked for with the
// Prefer header; any other zone (a Windows zone name) is not guessed at.
std::optional<UtcSeconds> utc_of(const json& value) {
  if (!value.is_object()) return std::nullopt;
  const auto zone = value.find("timeZone");
  const auto text = value.find("dateTime");
  if (zone == value.end() || !zone->is_string() || text == value.end() || !text->is_string()) return std::nullopt;
  if (*zone != "UTC" && *zone != "Etc/UTC") return std::nullopt;
  std::string stamp = text->get<std::string>().substr(0, 19);
  if (stamp.size() != 19) return std::nullopt;
  return lobsync::sdk::parse_utc_instant(stamp + "Z");
}

std::string graph_time(UtcSeconds t) { return date::format("%Y-%m-%dT%H:%M:%S", t); }

}  // namespace

std::vector<json> schedule_documents(const json& information, const std::string& person, UtcSeconds from, UtcSeconds to) {
  std::vector<json> out;
  if (!information.is_object()) return out;
  if (auto error = information.find("error"); error != information.end() && error->is_object()) {
    const std::string message = string_member(*error, "message");
    const std::string code = string_member(*error, "responseCode");
    std::string why = code.empty() ? message : message.empty() ? code : code + ": " + message;
    if (why.empty()) why = "no reason given";
    for (char& c : why) {
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    if (why.size() > 300) why = why.substr(0, 300) + "…";
    out.push_back({{"person", person}, {"error", "Graph cannot read this person's free/busy (" + why + ")"}});
    return out;
  }
  const auto items = information.find("scheduleItems");
  if (items == information.end() || !items->is_array()) return out;
  for (const auto& item : *items) {
    if (!item.is_object()) continue;
    const std::string status = ascii_lower(string_member(item, "status"));
    // free and workingElsewhere leave the person available at school.
    if (status != "busy" && status != "tentative" && status != "oof") continue;
    const auto start = utc_of(item.contains("start") ? item["start"] : json());
    const auto end = utc_of(item.contains("end") ? item["end"] : json());
    if (auto doc = lobsync::sdk::busy_document(person, start, end, from, to, "a schedule item")) out.push_back(std::move(*doc));
  }
  return out;
}

void ScheduleReader::read(const json& request, lobsync::sdk::Emitter& out) {
  const auto busy = lobsync::sdk::parse_busy_request(request);
  // Graph answers by address: the people asked, by lower-cased e-mail (two ids may share one).
  std::map<std::string, std::vector<std::string>> by_email;
  std::vector<std::string> emails;
  for (const auto& p : busy.people) {
    if (p.email.empty()) {
      out.emit({{"person", p.id}, {"error", "no e-mail address: Graph's free/busy is asked by address"}});
      continue;
    }
    const std::string key = ascii_lower(p.email);
    if (by_email[key].empty()) emails.push_back(p.email);
    by_email[key].push_back(p.id);
  }
  const std::string path = "/users/" + lobsync::sdk::url_encode(settings_.mailbox) + "/calendar/getSchedule";
  for (std::size_t first = 0; first < emails.size(); first += kSchedulesPerCall) {
    const std::vector<std::string> batch(emails.begin() + static_cast<long>(first),
                                         emails.begin() + static_cast<long>(std::min(emails.size(), first + kSchedulesPerCall)));
    for (UtcSeconds from = busy.from; from < busy.to;) {
      const UtcSeconds to = std::min(busy.to, from + date::days(kDaysPerCall));
      const json body{{"schedules", batch},
                      {"startTime", {{"dateTime", graph_time(from)}, {"timeZone", "UTC"}}},
                      {"endTime", {{"dateTime", graph_time(to)}, {"timeZone", "UTC"}}},
                      {"availabilityViewInterval", 60}};
      const auto response = graph_.call("POST", path, "application/json", body.dump());
      if (response.status != 200) {
        graph_.fail(response, "getSchedule for " + std::to_string(batch.size()) + " people", "Calendars.Read",
                    settings_.mailbox);
      }
      const json doc = json::parse(response.body, nullptr, false);
      const json* value = doc.is_object() && doc.contains("value") && doc["value"].is_array() ? &doc["value"] : nullptr;
      if (value == nullptr) {
        throw lobsync::sdk::Error(LOBSYNC_E_UNAVAILABLE, "getSchedule answered without a value list");
      }
      std::map<std::string, bool> answered;
      for (const auto& information : *value) {
        if (!information.is_object() || !information.contains("scheduleId") || !information["scheduleId"].is_string()) continue;
        const std::string key = ascii_lower(information["scheduleId"].get<std::string>());
        const auto who = by_email.find(key);
        if (who == by_email.end() || answered[key]) continue;
        answered[key] = true;
        for (const auto& id : who->second) {
          for (const auto& d : schedule_documents(information, id, from, to)) out.emit(d);
        }
      }
      for (const auto& email : batch) {
        if (answered[ascii_lower(email)]) continue;
        for (const auto& id : by_email[ascii_lower(email)]) out.emit({{"person", id}, {"error", "getSchedule did not answer for this person"}});
      }
      from = to;
    }
  }
}

}  // namespace microsoft365
