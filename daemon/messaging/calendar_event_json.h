// A calendar event as plain JSON for calendar writers that take fields rather than iCalendar
// (Microsoft Graph and Google Calendar events): the same facts as the iCalendar object of the
// same calendar.put, so every writer shows the mentor one meeting. The shape is documented in
// plugins/sdk/README.md ("calendar-writer").
#pragma once

#include "messaging/icalendar.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace lobsync::messaging {

// {"uid", "sequence", "summary", "description", "location", "url", "start", "end" (UTC, ISO 8601
// with Z), "time_zone" (IANA, the school's: for showing local times), "cancelled", "organizer":
// {"email","name"}, "attendees": [{"email","name","role" ("chair"|"required"|"optional"|
// "non-participant")}]}. Empty text fields are left out.
nlohmann::json calendar_event_json(const CalendarEvent& event, std::string_view time_zone);

// An attendee's role as these documents name it ("chair", "required", …), and back (nullopt for
// a name that is none of them).
const char* attendee_role_json_name(AttendeeRole role);
std::optional<AttendeeRole> attendee_role_from_json_name(std::string_view name);

}  // namespace lobsync::messaging
