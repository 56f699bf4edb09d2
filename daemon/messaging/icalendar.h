// iCalendar (RFC 5545) objects for one school's meetings: iTIP messages (RFC 5546) sent by mail
// and stored objects for CalDAV or an ICS feed. Times are UTC instants; they are written as
// local wall time with a TZID and a matching VTIMEZONE (the RRULE form clients read best) when
// the zone follows the EU daylight-saving rule, else as UTC. Every value that reaches the output
// is escaped or checked, so no input can add a property or a component.
#pragma once

#include "core/clock.h"
#include "messaging/message_error.h"

#include <string>
#include <vector>

namespace lobsync::messaging {

enum class ItipMethod { none, request, cancel };  // none: a stored object (CalDAV, ICS feed)
enum class AttendeeRole { chair, required, optional, non_participant };

struct CalendarPerson {
  std::string email;
  std::string name;
};

struct CalendarAttendee {
  std::string email;
  std::string name;
  AttendeeRole role = AttendeeRole::required;
  std::string partstat = "NEEDS-ACTION";  // NEEDS-ACTION | ACCEPTED | DECLINED | TENTATIVE
  bool rsvp = false;
};

struct CalendarEvent {
  std::string uid;
  int sequence = 0;
  Instant stamp;       // DTSTAMP (UTC)
  Instant start, end;  // UTC instants; written as local time with TZID
  std::string summary, description, location, url;
  CalendarPerson organizer;  // may be empty only in a stored object without attendees
  std::vector<CalendarAttendee> attendees;
  bool cancelled = false;              // STATUS:CANCELLED, else CONFIRMED
  bool schedule_agent_client = false;  // SCHEDULE-AGENT=CLIENT on ORGANIZER/ATTENDEE (CalDAV copies)
};

struct CalendarDocument {
  ItipMethod method = ItipMethod::none;
  std::string product_id = "-//lobsync//lobsync//EN";
  std::string time_zone = "Europe/Amsterdam";
  std::string name;  // optional X-WR-CALNAME (feeds)
  std::vector<CalendarEvent> events;
};

// The whole VCALENDAR with CRLF line ends, lines folded at 75 octets. Throws MessageError naming
// the field for bad input: an empty or non-ASCII UID, a UID used twice, a negative SEQUENCE, an
// end not after the start, an implausible address, text that is not UTF-8, an unknown PARTSTAT
// or time zone, a URL with spaces or control characters; an iTIP message must hold exactly one
// event with an ORGANIZER, at least one ATTENDEE and a SUMMARY; a REQUEST cannot be cancelled.
std::string build_icalendar(const CalendarDocument& document);

// The checks of build_icalendar alone, for a document built later (messaging/invitation_recipe.h).
void check_calendar_document(const CalendarDocument& document);

// "REQUEST", "CANCEL" or "" for none: the METHOD value and the text/calendar method parameter.
std::string itip_method_name(ItipMethod method);

}  // namespace lobsync::messaging
