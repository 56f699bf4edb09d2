// busy.read: per person a calendar-query REPORT over the window (RFC 4791 §7.8), and busy time
// computed here from the events returned. free-busy-query (§7.10) is not used: Radicale 3.1.8
// does not implement it, and where servers do, the answers differ in shape.
#pragma once

#include "dav_client.hpp"
#include "settings.hpp"

#include <date/tz.h>

namespace caldav {

class BusyReader {
 public:
  BusyReader(const Settings& settings, const DavClient& client, const date::time_zone* school_zone)
      : settings_(settings), client_(client), school_zone_(school_zone) {}

  // {"from","to","people":[{"id","calendar"}]} → per busy interval
  // {"person","start","end","uid"}; per person whose calendar cannot be read {"person","error"};
  // per thing in an event that was skipped or guessed {"person","problem"}.
  void read(const nlohmann::json& request, lobsync::sdk::Emitter& out) const;

 private:
  const Settings& settings_;
  const DavClient& client_;
  const date::time_zone* school_zone_;
};

}  // namespace caldav
