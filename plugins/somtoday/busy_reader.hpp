// busy.read against Somtoday Connect: a mentor's lessons from the roosters of the lesgroepen
// they teach. Connect has no timetable per medewerker, so: GET medewerker?uuid=… per vestiging
// (which also tells who exists) → Medewerker.lesgroepen → per lesgroep and ISO week
// GET lesgroep/{uuid}/rooster?weeknummer=N → afspraken whose medewerkers include the mentor.
#pragma once

#include "connect_client.hpp"

namespace somtoday {

// {"from","to","people":[{"id","source_id",…}]} → {"person","start","end"} per lesson,
// {"person","error"} per person who cannot be read, {"person","problem"} per afspraak skipped
// for bad data. Throws Error: INVALID_ARGUMENT for a malformed request or answer, UNAVAILABLE,
// AUTH, PERMANENT as ConnectClient does, so the host plans nothing rather than into lessons.
void read_busy(ConnectClient& client, const Settings& settings, const lobsync::sdk::Host& host,
               const nlohmann::json& request, lobsync::sdk::Emitter& out);

}  // namespace somtoday
