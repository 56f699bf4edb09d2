#include "messaging/calendar_event_json.h"

#include "core/iso_time.h"

namespace lobsync::messaging {
namespace {

const char* role_name(AttendeeRole role) {
  switch (role) {
    case AttendeeRole::chair: return "chair";
    case AttendeeRole::required: return "required";
    case AttendeeRole::optional: return "optional";
    case AttendeeRole::non_participant: return "non-participant";
  }
  return "required";
}

void put_text(nlohmann::json& out, const char* name, const std::string& value) {
  if (!value.empty()) out[name] = value;
}

}  // namespace

nlohmann::json calendar_event_json(const CalendarEvent& event, std::string_view time_zone) {
  nlohmann::json out = {{"uid", event.uid},
                        {"sequence", event.sequence},
                        {"start", iso_utc(event.start)},
                        {"end", iso_utc(event.end)},
                        {"time_zone", std::string(time_zone)},
                        {"cancelled", event.cancelled}};
  put_text(out, "summary", event.summary);
  put_text(out, "description", event.description);
  put_text(out, "location", event.location);
  put_text(out, "url", event.url);
  if (!event.organizer.email.empty()) out["organizer"] = {{"email", event.organizer.email}, {"name", event.organizer.name}};
  auto attendees = nlohmann::json::array();
  for (const auto& a : event.attendees)
    attendees.push_back({{"email", a.email}, {"name", a.name}, {"role", role_name(a.role)}});
  out["attendees"] = std::move(attendees);
  return out;
}

}  // namespace lobsync::messaging
