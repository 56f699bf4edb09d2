#include "event_writer.hpp"

#include <lobsync/ascii.hpp>
#include <lobsync/dates.hpp>
#include <lobsync/url.hpp>

#include <algorithm>
#include <cctype>

namespace google {

namespace {

using lobsync::sdk::ascii_lower;
using lobsync::sdk::Error;
using nlohmann::json;

constexpr std::size_t kMaxUidBytes = 600;  // 3 + ceil(600 * 8 / 5) = 963 characters, under 1024

Error bad(const std::string& op, const std::string& field, const std::string& why) {
  return Error(LOBSYNC_E_INVALID_ARGUMENT, op + ": /" + field + ": " + why);
}

std::string required_text(const json& object, const char* key, const std::string& op, const std::string& at = "") {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string() || it->get<std::string>().empty()) throw bad(op, at + key, "must be a non-empty string");
  return it->get<std::string>();
}

std::string optional_text(const json& object, const char* key, const std::string& op, const std::string& at = "") {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw bad(op, at + key, "must be a string");
  return it->get<std::string>();
}

// The mentor's address: the user the service account acts as, so it must look like one.
std::string calendar_of(const json& request, const std::string& op) {
  const std::string calendar = required_text(request, "calendar", op);
  const auto at = calendar.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == calendar.size() || calendar.find_first_of(" \t\r\n/?#<>") != std::string::npos) {
    throw bad(op, "calendar", "must be the mentor's address in the Workspace domain");
  }
  return calendar;
}

std::string id_of(const json& request, const std::string& op) {
  const std::string uid = required_text(request, "uid", op);
  const std::string id = event_id_for(uid);
  if (id.empty()) throw bad(op, "uid", "longer than " + std::to_string(kMaxUidBytes) + " bytes: Google's event ids are at most 1024 characters");
  return id;
}

json date_time(const std::string& instant, const std::string& zone) {
  json out{{"dateTime", instant}};
  if (!zone.empty()) out["timeZone"] = zone;
  return out;
}

}  // namespace

std::string event_id_for(const std::string& uid) {
  if (uid.empty() || uid.size() > kMaxUidBytes) return {};  // "lob" alone would be too short
  static constexpr char alphabet[] = "0123456789abcdefghijklmnopqrstuv";
  std::string out = "lob";
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : uid) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

json event_resource(const json& event, const std::string& id, const std::string& calendar, bool block_time) {
  const std::string op = "calendar.put";
  if (!event.is_object()) throw bad(op, "event", "must be an object (the meeting as fields)");
  const std::string start = required_text(event, "start", op, "event/");
  const std::string end = required_text(event, "end", op, "event/");
  const auto s = lobsync::sdk::parse_utc_instant(start), e = lobsync::sdk::parse_utc_instant(end);
  if (!s) throw bad(op, "event/start", "must be a UTC instant YYYY-MM-DDTHH:MM:SSZ");
  if (!e) throw bad(op, "event/end", "must be a UTC instant YYYY-MM-DDTHH:MM:SSZ");
  if (*e <= *s) throw bad(op, "event/end", "must be after start");
  const std::string zone = optional_text(event, "time_zone", op, "event/");
  json out{{"id", id},
           {"status", "confirmed"},  // also brings back an event deleted before (Google keeps it as cancelled)
           {"start", date_time(start, zone)},
           {"end", date_time(end, zone)},
           {"summary", optional_text(event, "summary", op, "event/")},
           {"description", optional_text(event, "description", op, "event/")},
           {"location", optional_text(event, "location", op, "event/")},
           {"transparency", block_time ? "opaque" : "transparent"},
           {"guestsCanInviteOthers", false},
           {"extendedProperties", {{"private", {{"lobsync_uid", required_text(event, "uid", op, "event/")}}}}}};
  const std::string url = optional_text(event, "url", op, "event/");
  if (url.starts_with("https://") || url.starts_with("http://")) out["source"] = {{"title", "lobsync"}, {"url", url}};
  json attendees = json::array();
  if (auto list = event.find("attendees"); list != event.end() && !list->is_null()) {
    if (!list->is_array()) throw bad(op, "event/attendees", "must be a list");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& a = (*list)[i];
      const std::string at = "event/attendees/" + std::to_string(i) + "/";
      if (!a.is_object()) throw bad(op, at.substr(0, at.size() - 1), "must be an object");
      const std::string email = required_text(a, "email", op, at);
      const std::string role = optional_text(a, "role", op, at);
      json attendee{{"email", email}};
      if (const std::string name = optional_text(a, "name", op, at); !name.empty()) attendee["displayName"] = name;
      if (role == "optional" || role == "non-participant") attendee["optional"] = true;
      // The mentor's own entry: it is their calendar, so they are not asked to answer.
      attendee["responseStatus"] = ascii_lower(email) == ascii_lower(calendar) ? "accepted" : "needsAction";
      attendees.push_back(std::move(attendee));
    }
  }
  if (!attendees.empty()) out["attendees"] = std::move(attendees);
  for (const char* key : {"summary", "description", "location"}) {
    if (out[key].get_ref<const std::string&>().empty()) out.erase(key);
  }
  return out;
}

void EventWriter::put(const json& request, lobsync::sdk::Emitter& out) {
  const std::string op = "calendar.put";
  if (!request.is_object()) throw bad(op, "", "the request must be an object");
  const std::string calendar = calendar_of(request, op);
  const std::string uid = required_text(request, "uid", op);
  const std::string id = id_of(request, op);
  const auto event = request.find("event");
  if (event == request.end()) throw bad(op, "event", "missing: Google Calendar takes the meeting as fields, not iCalendar");
  if (event->is_object()) {
    if (auto cancelled = event->find("cancelled"); cancelled != event->end() && cancelled->is_boolean() && cancelled->get<bool>()) {
      return delete_event(calendar, uid, out);
    }
  }
  const std::string body = event_resource(*event, id, calendar, google_.settings().copies_block_time).dump();
  const std::string events = google_.settings().calendar_url + "/calendar/v3/calendars/primary/events";
  const std::string what = "the calendar copy " + uid + " in the calendar of " + calendar;
  auto response = google_.call("POST", lobsync::sdk::with_query(events, "sendUpdates", "none"), "application/json", body,
                               kEventsScope, calendar);
  std::string action = "created";
  if (response.status == 409) {
    // The id is taken: this event was written before (a repeat, a move, or after a delete).
    response = google_.call("PUT", lobsync::sdk::with_query(events + "/" + id, "sendUpdates", "none"), "application/json",
                            body, kEventsScope, calendar);
    action = "updated";
  }
  if (response.status != 200) google_.fail(response, what, kEventsScope, calendar);
  out.emit({{"uid", uid}, {"calendar", calendar}, {"event_id", id}, {"action", action}});
}

void EventWriter::remove(const json& request, lobsync::sdk::Emitter& out) {
  const std::string op = "calendar.delete";
  if (!request.is_object()) throw bad(op, "", "the request must be an object");
  const std::string calendar = calendar_of(request, op);
  id_of(request, op);
  delete_event(calendar, required_text(request, "uid", op), out);
}

void EventWriter::delete_event(const std::string& calendar, const std::string& uid, lobsync::sdk::Emitter& out) {
  const std::string id = event_id_for(uid);
  const std::string url = google_.settings().calendar_url + "/calendar/v3/calendars/primary/events/" + id;
  const auto response = google_.call("DELETE", lobsync::sdk::with_query(url, "sendUpdates", "none"), "", "", kEventsScope, calendar);
  // 404: never written; 410: deleted before (Google keeps a cancelled event for a while).
  if (response.status == 404 || response.status == 410) {
    out.emit({{"uid", uid}, {"calendar", calendar}, {"event_id", id}, {"action", "already_gone"}});
    return;
  }
  if (response.status != 200 && response.status != 204) {
    google_.fail(response, "deleting the calendar copy " + uid + " from the calendar of " + calendar, kEventsScope, calendar);
  }
  out.emit({{"uid", uid}, {"calendar", calendar}, {"event_id", id}, {"action", "deleted"}});
}

}  // namespace google
