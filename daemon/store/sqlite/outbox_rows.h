// The outbox table's columns and how a row becomes an OutboxItem; shared by the files of
// SqliteOutboxStore (delivery in sqlite_outbox_store.cpp, administration in sqlite_outbox_admin.cpp).
#pragma once

#include "store/outbox_store.h"
#include "store/sqlite/database.h"

#include <string_view>

namespace lobsync::store::sqlite {

inline constexpr std::string_view kOutboxColumns =
    "id, key, channel, operation, request, state, attempts, next_attempt_at_ms, lease_until_ms, last_error, "
    "created_at_ms, sent_at_ms, claim_token, failing_since_ms, message, order_group";

// A row selected with kOutboxColumns.
OutboxItem read_outbox_item(const Statement& row);

}  // namespace lobsync::store::sqlite
