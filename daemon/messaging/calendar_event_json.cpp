#include "messaging/calendar_event_json.h"

#include "core/iso_time.h"

#include <lobsync/json_members.hpp>

#include <array>

namespace lobsync::messaging {
namespace {

using sdk::put_nonempty;

constexpr std::array<AttendeeRole, 4> kAttendeeRoles{AttendeeRole::chair, AttendeeRole::required,
                                                     AttendeeRole::optional, AttendeeRole::non_participant};

}  // namespace

const char* attendee_role_json_name(AttendeeRole role) {
  switch (role) {
    case AttendeeRole::chair: return "chair";
    case AttendeeRole::required: return "required";
    case AttendeeRole::optional: return "optional";
    case AttendeeRole::non_participant: return "non-participant";
  }
  return "required";
}

std::optional<AttendeeRole> attendee_role_from_json_name(std::string_view name) {
  for (const auto role : kAttendeeRoles)
    if (name == attendee_role_json_name(role)) return role;
  return std::nullopt;
}

nlohmann::json calendar_event_json(const CalendarEvent& event, std::string_view time_zone) {
  nlohmann::json out = {{"uid", event.uid},
                        {"sequence", event.sequence},
                        {"start", iso_utc(event.start)},
                        {"end", iso_utc(event.end)},
                        {"time_zone", std::string(time_zone)},
                        {"cancelled", event.cancelled}};
  put_nonempty(out, "summary", event.summary);
  put_nonempty(out, "description", event.description);
  put_nonempty(out, "location", event.location);
  put_nonempty(out, "url", event.url);
  if (!event.organizer.email.empty()) out["organizer"] = {{"email", event.organizer.email}, {"name", event.organizer.name}};
  auto attendees = nlohmann::json::array();
  for (const auto& a : event.attendees)
    attendees.push_back({{"email", a.email}, {"name", a.name}, {"role", attendee_role_json_name(a.role)}});
  out["attendees"] = std::move(attendees);
  return out;
}

}  // namespace lobsync::messaging
