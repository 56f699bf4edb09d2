#include "store/sqlite/audit_log.h"

namespace lobsync::store::sqlite {

void insert_audit_entry(Database& db, std::string_view actor, std::string_view action, std::string_view subject,
                        const nlohmann::json& detail, Instant at) {
  // Invalid UTF-8 is replaced rather than losing the entry.
  const std::string document = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  Statement insert(db, "INSERT INTO audit_log (at_ms, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, unix_ms(at)).bind(2, actor).bind(3, action).bind(4, subject).bind(5, document).run();
}

}  // namespace lobsync::store::sqlite
