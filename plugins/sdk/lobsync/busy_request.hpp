// The busy.read request as the host sends it to a busy source, and the instants busy times are
// made of: read once here so every timetable plugin refuses the same malformed requests with
// the same messages, and converts local school time and UTC offsets the same way.
//
//   {"from": "2026-10-19T00:00:00Z", "to": "…Z",
//    "people": [{"id", "source", "source_id", "email", "abbreviation", "calendar"}]}
//
// Uses Howard Hinnant's date library (linked by lobsync_add_plugin).
#pragma once

#include <lobsync/dates.hpp>
#include <lobsync/plugin_sdk.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::sdk {

// Why a local time could not become an instant.
enum class LocalTimeIssue { none, malformed, nonexistent };

struct ParsedInstant {
  std::optional<UtcSeconds> instant;
  LocalTimeIssue issue = LocalTimeIssue::none;
};

// The instant of a local wall-clock time in `zone`. A time that occurs twice (the October
// change) is the first of the two, as a timetable read on that night would show; a time that
// does not exist (the March change) has no instant.
inline ParsedInstant local_to_utc(date::local_seconds local, const date::time_zone* zone) {
  const auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return {std::nullopt, LocalTimeIssue::nonexistent};
  return {UtcSeconds(local.time_since_epoch()) - info.first.offset, LocalTimeIssue::none};
}

// ISO 8601 / RFC 3339 date-time with "Z" or an offset ("+01:00", "+0100"), as vendors send
// them ("2026-10-26T08:30:00.000+01:00"), or without a zone: then it is local time in
// `local_zone` (the school's), see local_to_utc. A space may replace the 'T'.
inline ParsedInstant parse_instant(std::string_view text, const date::time_zone* local_zone) {
  std::string_view rest;
  const auto local = parse_local_date_time(text, rest);
  if (!local) return {std::nullopt, LocalTimeIssue::malformed};
  if (rest == "Z" || rest == "z") return {UtcSeconds(local->time_since_epoch()), LocalTimeIssue::none};
  if (rest.empty()) return local_to_utc(*local, local_zone);
  int oh = 0, om = 0;
  const bool colon = rest.size() == 6 && rest[3] == ':';
  if ((rest[0] != '+' && rest[0] != '-') || (rest.size() != 6 && rest.size() != 5) || (rest.size() == 6 && !colon) ||
      !iso_digits(rest, 1, 2, oh) || !iso_digits(rest, colon ? 4 : 3, 2, om) || oh > 18 || om > 59) {
    return {std::nullopt, LocalTimeIssue::malformed};
  }
  const auto offset = std::chrono::hours(oh) + std::chrono::minutes(om);
  const auto utc = UtcSeconds(local->time_since_epoch());
  return {rest[0] == '+' ? utc - offset : utc + offset, LocalTimeIssue::none};
}

// "2026-10-26T07:30:00Z".

// One person the host asks about. Only `id` is required; the others may be empty (a plugin
// answers {"person","error"} for a person it cannot identify).
struct BusyPerson {
  std::string id;            // the host's key: what every emitted document names
  std::string source_id;     // the vendor id this plugin emitted for the staff record
  std::string email;
  std::string abbreviation;  // the school's teacher code ("docentcode", "afkorting")
};

struct BusyRequest {
  UtcSeconds from;
  UtcSeconds to;
  std::vector<BusyPerson> people;
};

// The request, or Error(LOBSYNC_E_INVALID_ARGUMENT) naming the field ("people/2/id: …").
// `max_days` bounds the window: a longer one is a mistake on the host's side.
inline BusyRequest parse_busy_request(const nlohmann::json& request, int max_days = 400) {
  auto bad = [](const std::string& field, const std::string& message) {
    return Error(LOBSYNC_E_INVALID_ARGUMENT, "busy.read request: " + field + ": " + message);
  };
  if (!request.is_object()) throw bad("request", "must be an object");
  BusyRequest out;
  for (const char* field : {"from", "to"}) {
    const auto it = request.find(field);
    std::optional<UtcSeconds> instant;
    if (it != request.end() && it->is_string()) instant = parse_utc_instant(it->get<std::string>());
    if (!instant) throw bad(field, "must be a UTC time like 2026-10-19T00:00:00Z");
    (std::string_view(field) == "from" ? out.from : out.to) = *instant;
  }
  if (out.to <= out.from) throw bad("to", "must be after from");
  if (out.to - out.from > date::days(max_days)) throw bad("to", "the window may be at most " + std::to_string(max_days) + " days");
  const auto list = request.find("people");
  if (list == request.end() || !list->is_array()) throw bad("people", "must be a list");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& p = (*list)[i];
    const std::string at = "people/" + std::to_string(i);
    if (!p.is_object()) throw bad(at, "must be an object");
    BusyPerson person;
    for (auto [field, target] : {std::pair<const char*, std::string*>{"id", &person.id},
                                 {"source_id", &person.source_id},
                                 {"email", &person.email},
                                 {"abbreviation", &person.abbreviation}}) {
      const auto v = p.find(field);
      if (v == p.end() || v->is_null()) continue;
      if (!v->is_string()) throw bad(at + "/" + field, "must be a string");
      *target = v->get<std::string>();
    }
    if (person.id.empty()) throw bad(at + "/id", "must be a non-empty string");
    out.people.push_back(std::move(person));
  }
  return out;
}

// What busy.read emits for one interval a calendar reported for `person`: the part inside the
// window asked, as a {"person","start","end"} document; a problem document when the interval has
// no readable start and end (`what` names the thing skipped, "a schedule item"); nothing when it
// lies outside the window.
inline std::optional<nlohmann::json> busy_document(const std::string& person, std::optional<UtcSeconds> start,
                                                   std::optional<UtcSeconds> end, UtcSeconds from, UtcSeconds to,
                                                   const std::string& what) {
  if (!start || !end || *end <= *start)
    return nlohmann::json{{"person", person}, {"problem", what + " without a readable start and end was skipped"}};
  const UtcSeconds s = std::max(*start, from), e = std::min(*end, to);
  if (e <= s) return std::nullopt;
  return nlohmann::json{{"person", person}, {"start", format_utc_instant(s)}, {"end", format_utc_instant(e)}};
}

}  // namespace lobsync::sdk
