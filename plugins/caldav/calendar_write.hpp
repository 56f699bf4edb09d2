// calendar.put and calendar.delete: one event object per resource <collection>/<uid>.ics,
// written with preconditions so a concurrent change on the server is never overwritten blindly.
#pragma once

#include "dav_client.hpp"
#include "settings.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace caldav {

class CalendarWriter {
 public:
  CalendarWriter(const Settings& settings, const DavClient& client) : settings_(settings), client_(client) {}

  // {"calendar","uid","ics"} → {"href","etag" (or null),"created"}
  nlohmann::json put(const nlohmann::json& request) const;
  // {"calendar","uid"} → {"deleted": bool}; an event already gone counts as done.
  nlohmann::json remove(const nlohmann::json& request) const;

 private:
  struct Target {
    std::string collection;
    std::string href;  // the event's URL
  };
  Target target(const nlohmann::json& request) const;
  // The event's current ETag; nullopt when it no longer exists.
  std::optional<std::string> current_etag(const std::string& href) const;
  void make_collection(const std::string& collection) const;

  const Settings& settings_;
  const DavClient& client_;
};

// Throws Error(LOBSYNC_E_INVALID_ARGUMENT) for iCalendar text a CalDAV server must not store:
// unreadable, not one VCALENDAR, a METHOD property (RFC 4791 §4.1), or a component whose UID
// differs from `uid`.
void check_object(std::string_view ics, const std::string& uid);

}  // namespace caldav
