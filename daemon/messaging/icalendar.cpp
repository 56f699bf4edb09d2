#include "messaging/icalendar.h"

#include "messaging/address.h"
#include "messaging/icalendar_text.h"
#include "messaging/icalendar_zone.h"
#include "messaging/mime_headers.h"
#include "messaging/name_text.h"

#include <lobsync/text_encoding.hpp>

#include <algorithm>
#include <set>

namespace lobsync::messaging {
namespace {

// Collects content lines; every line is folded as it is added.
class Lines {
 public:
  void add(std::string_view line) { ical::append_folded(out_, line); }
  // Lines that are folded already, with their line ends.
  void add_folded(std::string_view lines) { out_ += lines; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

void check_uid(std::string_view uid) {
  if (uid.empty()) throw MessageError("an event needs a UID");
  if (uid.size() > 255) throw MessageError("the UID is longer than 255 characters");
  const bool printable = std::all_of(uid.begin(), uid.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
  if (!printable) throw MessageError("the UID must be printable ASCII without spaces");
}

// A URI value is written as is, so it may hold no space, control or non-ASCII character.
void check_url(std::string_view url) {
  const bool clean = std::all_of(url.begin(), url.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
  if (!clean) throw MessageError("the URL contains spaces, control or non-ASCII characters");
}

std::string role_name(AttendeeRole role) {
  switch (role) {
    case AttendeeRole::chair: return "CHAIR";
    case AttendeeRole::required: return "REQ-PARTICIPANT";
    case AttendeeRole::optional: return "OPT-PARTICIPANT";
    case AttendeeRole::non_participant: return "NON-PARTICIPANT";
  }
  throw MessageError("unknown attendee role");
}

void check_partstat(std::string_view partstat) {
  static const std::set<std::string_view> known{"NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE"};
  if (!known.contains(partstat)) throw MessageError("unknown attendee PARTSTAT (NEEDS-ACTION, ACCEPTED, DECLINED or TENTATIVE)");
}

std::string cn_param(std::string_view field, std::string_view name) {
  require_utf8(field, name);
  const auto shown = clean_name(name);
  return shown.empty() ? std::string() : ";CN=" + ical::param_value(shown);
}

void check_person_address(std::string_view field, std::string_view email) {
  if (const auto check = check_address(email); !check.valid) {
    throw MessageError("the " + std::string(field) + " is not a usable e-mail address: " + check.problem);
  }
}

std::string calendar_address(std::string_view field, std::string_view email) {
  check_person_address(field, email);
  return mailto_uri(email);
}

std::string organizer_line(const CalendarEvent& e) {
  std::string line = "ORGANIZER" + cn_param("organizer name", e.organizer.name);
  if (e.schedule_agent_client) line += ";SCHEDULE-AGENT=CLIENT";
  return line + ":" + calendar_address("organizer address", e.organizer.email);
}

std::string attendee_line(const CalendarAttendee& a, bool schedule_agent_client) {
  check_partstat(a.partstat);
  std::string line = "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=" + role_name(a.role) + ";PARTSTAT=" + a.partstat +
                     ";RSVP=" + (a.rsvp ? "TRUE" : "FALSE");
  if (schedule_agent_client) line += ";SCHEDULE-AGENT=CLIENT";
  line += cn_param("attendee name", a.name);
  return line + ":" + calendar_address("attendee address", a.email);
}

void check_event(const CalendarEvent& e, ItipMethod method) {
  check_uid(e.uid);
  if (e.sequence < 0) throw MessageError("the SEQUENCE of event '" + e.uid + "' is negative");
  if (e.end <= e.start) throw MessageError("event '" + e.uid + "' ends before or when it starts");
  require_utf8("summary", e.summary);
  require_utf8("description", e.description);
  require_utf8("location", e.location);
  check_url(e.url);
  // What the ORGANIZER and ATTENDEE lines write, checked here too, so check_calendar_document
  // refuses everything building would.
  if (!e.organizer.email.empty()) {
    require_utf8("organizer name", e.organizer.name);
    check_person_address("organizer address", e.organizer.email);
  }
  for (const auto& a : e.attendees) {
    check_partstat(a.partstat);
    require_utf8("attendee name", a.name);
    check_person_address("attendee address", a.email);
  }
  if (method == ItipMethod::none) {
    if (e.organizer.email.empty() && !e.attendees.empty()) {
      throw MessageError("event '" + e.uid + "' has attendees but no organizer");
    }
    return;
  }
  // RFC 5546 §3.2: an iTIP request or cancel names the organizer and the attendees it concerns.
  if (e.organizer.email.empty()) throw MessageError("an iTIP message needs an ORGANIZER");
  if (e.attendees.empty()) throw MessageError("an iTIP message needs at least one ATTENDEE");
  if (e.summary.empty()) throw MessageError("an iTIP message needs a SUMMARY");
  if (method == ItipMethod::request && e.cancelled) throw MessageError("a REQUEST cannot carry a cancelled event; send a CANCEL");
}

void check_document(const CalendarDocument& d) {
  require_utf8("product id", d.product_id);
  require_utf8("calendar name", d.name);
  if (d.product_id.empty()) throw MessageError("the calendar needs a PRODID");
  if (d.method != ItipMethod::none && d.events.size() != 1) {
    throw MessageError("an iTIP message holds exactly one event");
  }
  std::set<std::string_view> uids;
  for (const auto& e : d.events) {
    check_event(e, d.method);
    if (!uids.insert(e.uid).second) throw MessageError("the UID '" + e.uid + "' is used by two events");
  }
}

void add_event(Lines& lines, const CalendarEvent& e, ItipMethod method, const ical::ZoneWriter& zone) {
  const bool cancelled = e.cancelled || method == ItipMethod::cancel;
  lines.add("BEGIN:VEVENT");
  lines.add("UID:" + ical::escape_text(e.uid));
  lines.add("DTSTAMP:" + ical::utc_date_time(e.stamp));
  lines.add("SEQUENCE:" + std::to_string(e.sequence));
  lines.add(zone.property("DTSTART", e.start));
  lines.add(zone.property("DTEND", e.end));
  if (!e.summary.empty()) lines.add("SUMMARY:" + ical::escape_text(e.summary));
  if (!e.location.empty()) lines.add("LOCATION:" + ical::escape_text(e.location));
  if (!e.description.empty()) lines.add("DESCRIPTION:" + ical::escape_text(e.description));
  if (!e.url.empty()) lines.add("URL:" + e.url);
  lines.add(cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  lines.add("TRANSP:OPAQUE");
  if (!e.organizer.email.empty()) lines.add(organizer_line(e));
  for (const auto& a : e.attendees) lines.add(attendee_line(a, e.schedule_agent_client));
  lines.add("END:VEVENT");
}

}  // namespace

std::string itip_method_name(ItipMethod method) {
  switch (method) {
    case ItipMethod::none: return "";
    case ItipMethod::request: return "REQUEST";
    case ItipMethod::cancel: return "CANCEL";
  }
  return "";
}

std::string build_icalendar(const CalendarDocument& d) {
  check_document(d);
  std::vector<Instant> instants;
  for (const auto& e : d.events) {
    instants.push_back(e.start);
    instants.push_back(e.end);
  }
  const ical::ZoneWriter zone(d.time_zone, instants);

  Lines lines;
  lines.add("BEGIN:VCALENDAR");
  lines.add("VERSION:2.0");
  lines.add("PRODID:" + ical::escape_text(d.product_id));
  lines.add("CALSCALE:GREGORIAN");
  if (d.method != ItipMethod::none) lines.add("METHOD:" + itip_method_name(d.method));
  if (!d.name.empty()) lines.add("X-WR-CALNAME:" + ical::escape_text(d.name));
  lines.add_folded(zone.folded_vtimezone());
  for (const auto& e : d.events) add_event(lines, e, d.method, zone);
  lines.add("END:VCALENDAR");
  return lines.take();
}

void check_calendar_document(const CalendarDocument& document) { check_document(document); }

}  // namespace lobsync::messaging
