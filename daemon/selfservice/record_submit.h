// Storing a checked conversation record: the one path the records API and the mentor's web
// form share (new version, meeting held, audit entry).
#pragma once

#include "domain/meeting.h"
#include "store/record_store.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace lobsync::app {
class Services;
}

namespace lobsync::selfservice {

// `body` has passed records::validate_record; `actor` is the mentor's staff key. Throws
// store::StoreError when the meeting is gone.
store::RecordWritten store_record(app::Services& services, const domain::Meeting& meeting, std::string_view actor,
                                  const nlohmann::json& body);

}  // namespace lobsync::selfservice
