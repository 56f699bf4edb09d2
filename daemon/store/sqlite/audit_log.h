// Writing one audit trail entry inside the caller's transaction, so a change and its record
// commit together. SqliteStore::audit and the stores whose changes are audited share it.
#pragma once

#include "core/clock.h"
#include "store/sqlite/database.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace lobsync::store::sqlite {

void insert_audit_entry(Database& db, std::string_view actor, std::string_view action, std::string_view subject,
                        const nlohmann::json& detail, Instant at);

}  // namespace lobsync::store::sqlite
