// busy.read for Magister: the lessons of the people asked about, from the timetable table (a
// CSV export in files mode, a GetData layout in swp mode), matched by docentcode. The staff
// table says which docentcode belongs to a person (source_id = the staff stamnummer).
#pragma once

#include "settings.hpp"

#include <lobsync/plugin_sdk.hpp>

namespace magister {

// {"from","to","people":[{"id","source_id","abbreviation",…}]} → {"person","start","end"} per
// lesson, {"person","error"} per person who cannot be read, {"person","problem"} per timetable
// row of theirs that was skipped. Throws Error: INVALID_ARGUMENT for a malformed request or an
// unusable table, UNAVAILABLE / AUTH as the sources do.
void read_busy(const lobsync::sdk::Host& host, const Settings& settings, const nlohmann::json& request,
               lobsync::sdk::Emitter& out);

}  // namespace magister
