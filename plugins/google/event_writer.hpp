// calendar.put / calendar.delete: the mentor's own copy of a meeting as an event in the mentor's
// primary Google calendar, written acting as the mentor (the request's `calendar`), from the
// request's `event` fields (Google Calendar takes no iCalendar object).
//
// Idempotent by the event id: Google lets a client choose an event's id (base32hex characters
// a-v and 0-9, 5 to 1024 long), so the id is derived from the host's uid (event_id_for). A put
// inserts; when that id exists already (409 duplicate, also for an event deleted before, which
// Google keeps as cancelled) it updates the event instead, so a repeated or moved put never makes
// a second event. A delete of an event that is not there (404, 410) is done. Google sends no
// invitations or updates (sendUpdates=none): the host mails the family itself.
#pragma once

#include "google_client.hpp"

#include <string>

namespace google {

class EventWriter {
 public:
  explicit EventWriter(GoogleClient& google) : google_(google) {}

  void put(const nlohmann::json& request, lobsync::sdk::Emitter& out);
  void remove(const nlohmann::json& request, lobsync::sdk::Emitter& out);

 private:
  void delete_event(const std::string& calendar, const std::string& uid, lobsync::sdk::Emitter& out);

  GoogleClient& google_;
};

// "lob" + the uid's bytes in base32hex (RFC 4648 section 7, lower case, no padding): only the
// characters Google allows, at least 5 long, the same uid always the same id and two uids never
// one. Empty for an empty uid and for one too long for Google's 1024 characters.
std::string event_id_for(const std::string& uid);

// The Google Calendar event resource for the request's `event` fields (throws
// Error(LOBSYNC_E_INVALID_ARGUMENT) naming the field). `block_time` false makes it transparent
// ("show as available"): freeBusy, which names no events, then does not report the planner's own
// meetings back to it as busy times.
nlohmann::json event_resource(const nlohmann::json& event, const std::string& id, const std::string& calendar,
                              bool block_time = false);

}  // namespace google
