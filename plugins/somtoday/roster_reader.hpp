// roster.read against Somtoday Connect: which vestigingen, which endpoints, in which order.
#pragma once

#include "connect_client.hpp"
#include "map_records.hpp"

#include <vector>

namespace somtoday {

// The permitted vestigingen (GET /connect/vestiging), narrowed to the configured ones; a
// configured vestiging the client may not read is a configuration error (LOBSYNC_E_CONFIG), not
// something to skip silently. Only entries with a well-formed uuid are returned.
std::vector<nlohmann::json> choose_vestigingen(ConnectClient& client, const Settings& settings);

// Streams the full roster: locations, then per phase over all vestigingen staff, stamgroepen
// (with mentors), leerlingen (with their placement), ouderVerzorgers. Staff and groups come
// first so students can refer to group levels; guardians come last so they link only to
// students that were emitted.
void read_roster(ConnectClient& client, const Settings& settings, const lobsync::sdk::Host& host,
                 lobsync::sdk::Emitter& emitter);

}  // namespace somtoday
