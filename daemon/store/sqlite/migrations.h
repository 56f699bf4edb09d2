// The SQLite schema as an ordered list of numbered migrations. To change the schema, append a
// migration with the next number to kMigrations in migrations.cpp; never edit one that shipped.
#pragma once

#include "core/clock.h"
#include "store/sqlite/database.h"

#include <span>
#include <string_view>

namespace lobsync::store::sqlite {

struct Migration {
  int version;
  std::string_view name;  // what it does, for logs and errors
  std::string_view sql;   // constant SQL; may hold several statements
};

std::span<const Migration> migrations();
int latest_schema_version();

// Highest version recorded in schema_migrations (0 for a new database).
int current_schema_version(Database& db);

// Applies every migration newer than the database, each in its own transaction, recording it
// in schema_migrations. Throws StoreError when the database is newer than this binary knows
// or a migration fails (that migration is rolled back; earlier ones stay).
void migrate(Database& db, const Clock& clock);

}  // namespace lobsync::store::sqlite
