// The mentor's copy as a Microsoft Graph event: the host's calendar.put request read and checked,
// turned into the event Graph stores, and Graph's answers about events read defensively. No I/O
// here (calendar_writer.cpp talks to Graph), so the fuzz target reaches every reader.
//
// Decisions (see the README, "calendar-writer"):
// - The host's uid is kept on the event as a single-value extended property (kUidProperty):
//   Graph's iCalUId is read-only and assigned by Exchange, so a later put can only find the
//   event again by a value lobsync wrote itself.
// - The event has no attendees: Graph sends a meeting request to every attendee of an event it
//   creates, and the host mails the family itself. The participants are listed in the body.
// - Times go to Graph in UTC (timeZone "UTC"); Outlook shows them in the mentor's own zone.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <optional>
#include <string>
#include <vector>

namespace microsoft365 {

// A GUID of lobsync's own: the property set of its extended property.
inline constexpr const char* kUidProperty = "String {9c1d1a58-0852-4f45-98a0-e5e11a3db43b} Name lobsync-uid";

struct PutRequest {
  std::string calendar;  // the mentor's address: the mailbox whose calendar holds the copy
  std::string uid;       // the meeting's uid, stable for its whole life
  int sequence = 0;
  bool cancelled = false;
  nlohmann::json event;  // the request's event, checked
};

// Reads a calendar.put request ({"calendar","uid","ics","event"}); throws
// Error(LOBSYNC_E_INVALID_ARGUMENT) naming the field ("/event/start: …").
PutRequest read_put_request(const nlohmann::json& request);

// Reads a calendar.delete request ({"calendar","uid"}): the calendar and the uid.
std::pair<std::string, std::string> read_delete_request(const nlohmann::json& request);

// The Graph event for a put (subject, text body with the participants under `participants_label`,
// location, start and end in UTC, show as busy, the uid property), without transactionId.
nlohmann::json graph_event(const PutRequest& put, const std::string& participants_label);

// Graph's transactionId for the create of this version of the meeting: the same for a repeated
// request (so Graph does not create twice), another one for the next version.
std::string transaction_id(const std::string& uid, int sequence);

// The OData filter and expansion that find the events carrying `uid` in the uid property.
std::string uid_filter(const std::string& uid);
std::string uid_expand();

// One page of the uid search: the ids of the events whose uid property is exactly `uid` (Graph
// compares the value case-insensitively; an event whose expanded value differs is left out), and
// the next page's link. nullopt when the answer is not a list of events. Never throws.
struct FoundEvents {
  std::vector<std::string> ids;
  std::string next_link;
};
std::optional<FoundEvents> events_with_uid(const std::string& body, const std::string& uid);

// The id of the event in a create or update answer, or "" when there is none. Never throws.
std::string event_id_of(const std::string& body);

// Graph's error code in an error envelope ("ErrorDuplicateTransactionId"), or "". Never throws.
std::string graph_error_code(const std::string& body);

}  // namespace microsoft365
