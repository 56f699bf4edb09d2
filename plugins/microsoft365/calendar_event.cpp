#include "calendar_event.hpp"

#include <lobsync/json_members.hpp>
#include <lobsync/ascii.hpp>
#include <lobsync/dates.hpp>
#include <lobsync/household.hpp>

#include <algorithm>
#include <cctype>

namespace microsoft365 {

namespace {

using lobsync::sdk::string_member;
using lobsync::sdk::ascii_lower;

using lobsync::sdk::Error;
using nlohmann::json;

// A refusal naming the field by its JSON pointer ("" for the whole request).
Error bad(const std::string& pointer, const std::string& why) {
  return Error(LOBSYNC_E_INVALID_ARGUMENT, pointer.empty() ? why : pointer + ": " + why);
}

std::string required_text(const json& object, const char* key, const std::string& pointer) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string() || it->get<std::string>().empty()) throw bad(pointer, "must be a non-empty string");
  return it->get<std::string>();
}

// An optional text member: "" when missing; anything but a string is refused.
std::string optional_text(const json& object, const char* key, const std::string& pointer) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw bad(pointer, "must be a string");
  return it->get<std::string>();
}

lobsync::sdk::UtcSeconds instant(const json& event, const char* key) {
  const std::string text = required_text(event, key, std::string("/event/") + key);
  const auto t = lobsync::sdk::parse_utc_instant(text);
  if (!t) throw bad(std::string("/event/") + key, "must be a UTC time like 2027-01-12T14:00:00Z");
  return *t;
}

std::string calendar_address(const json& request) {
  const std::string calendar = required_text(request, "calendar", "/calendar");
  const auto at = calendar.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == calendar.size() ||
      calendar.find_first_of(" \t\r\n/?#<>") != std::string::npos) {
    throw bad("/calendar", "must be the mentor's address (the mailbox whose calendar gets the copy)");
  }
  return calendar;
}

// Graph's dateTimeTimeZone in UTC: "2027-01-12T14:00:00" with timeZone "UTC".
json graph_date_time_zone(lobsync::sdk::UtcSeconds t) {
  return {{"dateTime", date::format("%Y-%m-%dT%H:%M:%S", t)}, {"timeZone", "UTC"}};
}

// An OData string literal's content: a single quote is doubled.
std::string odata_literal(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out;
}

// An event id as Graph gives it: printable, no more than a generous length.
bool plausible_id(const std::string& id) {
  if (id.empty() || id.size() > 1024) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

PutRequest read_put_request(const json& request) {
  if (!request.is_object()) throw bad("", "the request must be an object");
  PutRequest out;
  out.calendar = calendar_address(request);
  out.uid = required_text(request, "uid", "/uid");
  const auto event = request.find("event");
  if (event == request.end() || !event->is_object()) {
    throw bad("/event", "missing: the meeting as fields is what Graph stores (a host that sends only ics is too old)");
  }
  if (event->contains("uid") && optional_text(*event, "uid", "/event/uid") != out.uid) throw bad("/event/uid", "differs from /uid");
  if (auto seq = event->find("sequence"); seq != event->end()) {
    if (!seq->is_number_integer() || seq->get<long long>() < 0 || seq->get<long long>() > 1000000) {
      throw bad("/event/sequence", "must be a whole number from 0");
    }
    out.sequence = seq->get<int>();
  }
  if (auto cancelled = event->find("cancelled"); cancelled != event->end()) {
    if (!cancelled->is_boolean()) throw bad("/event/cancelled", "must be true or false");
    out.cancelled = cancelled->get<bool>();
  }
  for (const char* key : {"summary", "description", "location", "url"}) optional_text(*event, key, std::string("/event/") + key);
  if (!out.cancelled && instant(*event, "end") <= instant(*event, "start")) throw bad("/event/end", "must be after /event/start");
  if (auto attendees = event->find("attendees"); attendees != event->end() && !attendees->is_null()) {
    if (!attendees->is_array()) throw bad("/event/attendees", "must be a list");
    for (std::size_t i = 0; i < attendees->size(); ++i) {
      const auto& a = (*attendees)[i];
      const std::string pointer = "/event/attendees/" + std::to_string(i);
      if (!a.is_object()) throw bad(pointer, "must be an object with email and name");
      optional_text(a, "email", pointer + "/email");
      optional_text(a, "name", pointer + "/name");
    }
  }
  out.event = *event;
  return out;
}

std::pair<std::string, std::string> read_delete_request(const json& request) {
  if (!request.is_object()) throw bad("", "the request must be an object");
  return {calendar_address(request), required_text(request, "uid", "/uid")};
}

json graph_event(const PutRequest& put, const std::string& participants_label) {
  const json& e = put.event;
  std::string body = string_member(e, "description");
  auto paragraph = [&](const std::string& text) {
    if (text.empty()) return;
    if (!body.empty()) body += body.ends_with('\n') ? "\n" : "\n\n";
    body += text;
  };
  paragraph(string_member(e, "url"));
  // The participants as plain text: attendees on a Graph event would each get a meeting request
  // from Exchange, and the host mails the family itself.
  std::string people;
  if (auto attendees = e.find("attendees"); attendees != e.end() && attendees->is_array()) {
    for (const auto& a : *attendees) {
      const std::string email = string_member(a, "email"), name = string_member(a, "name");
      if (ascii_lower(email) == ascii_lower(put.calendar)) continue;  // the mentor, whose calendar this is
      if (email.empty() && name.empty()) continue;
      people += "- " + (name.empty() ? email : email.empty() ? name : name + " <" + email + ">") + "\n";
    }
  }
  if (!people.empty()) paragraph(participants_label + ":\n" + people);

  json out{{"subject", string_member(e, "summary")},
           {"body", {{"contentType", "text"}, {"content", body}}},
           {"location", {{"displayName", string_member(e, "location")}}},
           {"showAs", "busy"},
           {"isReminderOn", true},
           {"singleValueExtendedProperties", json::array({{{"id", kUidProperty}, {"value", put.uid}}})}};
  if (!put.cancelled) {
    out["start"] = graph_date_time_zone(*lobsync::sdk::parse_utc_instant(e["start"].get<std::string>()));
    out["end"] = graph_date_time_zone(*lobsync::sdk::parse_utc_instant(e["end"].get<std::string>()));
  }
  return out;
}

std::string transaction_id(const std::string& uid, int sequence) {
  // Two fingerprints of the uid and one of the version: short, stable, nothing personal in it.
  return "lobsync-" + lobsync::sdk::fnv1a_hex(uid) + lobsync::sdk::fnv1a_hex("uid:" + uid) + "-" + std::to_string(sequence);
}

std::string uid_filter(const std::string& uid) {
  return "singleValueExtendedProperties/Any(ep: ep/id eq '" + odata_literal(kUidProperty) + "' and ep/value eq '" +
         odata_literal(uid) + "')";
}

std::string uid_expand() { return "singleValueExtendedProperties($filter=id eq '" + odata_literal(kUidProperty) + "')"; }

std::optional<FoundEvents> events_with_uid(const std::string& body, const std::string& uid) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  const auto value = doc.find("value");
  if (value == doc.end() || !value->is_array()) return std::nullopt;
  FoundEvents out;
  for (const auto& item : *value) {
    if (!item.is_object()) continue;
    const std::string id = string_member(item, "id");
    if (!plausible_id(id)) continue;
    // Graph matched the value case-insensitively; where it shows the value, it must be exact.
    bool exact = true;
    if (auto props = item.find("singleValueExtendedProperties"); props != item.end() && props->is_array()) {
      for (const auto& p : *props) {
        if (p.is_object() && ascii_lower(string_member(p, "id")) == ascii_lower(kUidProperty) && p.contains("value")) exact = string_member(p, "value") == uid;
      }
    }
    if (exact && std::find(out.ids.begin(), out.ids.end(), id) == out.ids.end()) out.ids.push_back(id);
  }
  const std::string next = string_member(doc, "@odata.nextLink");
  if (next.starts_with("https://") || next.starts_with("http://")) out.next_link = next;
  return out;
}

std::string event_id_of(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  const std::string id = string_member(doc, "id");
  return plausible_id(id) ? id : std::string();
}

std::string graph_error_code(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  const auto error = doc.find("error");
  if (error == doc.end() || !error->is_object()) return {};
  std::string code = string_member(*error, "code");
  return code.size() <= 100 ? code : std::string();
}

}  // namespace microsoft365
