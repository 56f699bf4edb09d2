// The readable copy of a conversation record: one self-contained HTML page in Dutch (no
// scripts, no external resources), for schools that file records by hand or from a share.
#pragma once

#include <nlohmann/json.hpp>

#include <date/tz.h>

#include <string>

namespace dossier_files {

// The page for a record already checked by lobsync::sdk::dossier::check_push_request; times in
// `zone`. Every value from the record is escaped.
std::string render_record_html(const nlohmann::json& record, const date::time_zone* zone);

}  // namespace dossier_files
