// busy.read against the Zermelo portal: each person's teacher code (their abbreviation, or the
// `codes` setting), the window in parts of days_per_request, one request per teacher (user=CODE)
// or per batch (teachers=A,B,…), and the appointments that make them busy as UTC intervals.
#pragma once

#include "settings.hpp"

namespace zermelo {

// {"from","to","people":[{"id","email","abbreviation",…}]} → {"person","start","end"} per busy
// interval overlapping the window, {"person","problem"} per appointment skipped for bad data,
// {"person","error"} per person who has no code or whose appointments could not be read.
// Throws Error: INVALID_ARGUMENT for a malformed request; AUTH, PERMANENT, UNAVAILABLE as
// PortalClient does, so the host plans nothing rather than into lessons.
void read_busy(const lobsync::sdk::Host& host, const Settings& settings, const nlohmann::json& request,
               lobsync::sdk::Emitter& out);

}  // namespace zermelo
