// busy.read through the Calendar API's freeBusy.query, asked as the LOB mailbox: the people (by
// e-mail, their primary calendar's id) in batches of at most 50 calendars (the documented
// maximum of calendarExpansionMax), the window in pieces of at most 60 days (Google refuses long
// ranges with "The requested time range is too long"; the limit is not documented); each
// calendar's busy[] becomes busy intervals in UTC, its errors[] (notFound, …) an error for that
// person only.
#pragma once

#include "google_client.hpp"

#include <lobsync/busy_request.hpp>

namespace google {

inline constexpr std::size_t kCalendarsPerQuery = 50;
inline constexpr int kDaysPerQuery = 60;

class FreeBusyReader {
 public:
  explicit FreeBusyReader(GoogleClient& google) : google_(google) {}

  void read(const nlohmann::json& request, lobsync::sdk::Emitter& out);

 private:
  GoogleClient& google_;
};

// One calendar of a freeBusy answer ({"busy":[{"start","end"}], "errors":[{"domain","reason"}]})
// as documents for `person`: busy intervals clipped to [from, to), an error when Google could not
// read the calendar, a problem per interval it could not read. Never throws.
std::vector<nlohmann::json> free_busy_documents(const nlohmann::json& calendar, const std::string& person,
                                                lobsync::sdk::UtcSeconds from, lobsync::sdk::UtcSeconds to);

}  // namespace google
