#include "store/sqlite/sqlite_signoff_store.h"

#include "store/sqlite/sqlite_outbox_store.h"
#include "store/store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lobsync::store::sqlite {

bool SqliteSignoffStore::add_signoff(const SignOff& s) {
  std::lock_guard lock(mutex_);
  // A second signature keeps the first one's time; a second view replaces the first.
  const char* sql = s.kind == kSigned
                        ? "INSERT INTO record_signoffs (record, version, participant, role, kind, text, at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING"
                        : "INSERT INTO record_signoffs (record, version, participant, role, kind, text, at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                          "ON CONFLICT (record, version, participant, kind) DO UPDATE SET text = ?6, at_ms = ?7";
  Statement insert(db_, sql);
  insert.bind(1, s.record)
      .bind(2, std::int64_t{s.version})
      .bind(3, s.participant)
      .bind(4, s.role)
      .bind(5, s.kind)
      .bind(6, s.text)
      .bind(7, unix_ms(s.at))
      .run();
  return db_.changes() == 1;
}

std::vector<SignOff> SqliteSignoffStore::signoffs(std::string_view record) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT record, version, participant, role, kind, text, at_ms FROM record_signoffs "
                  "WHERE record = ?1 ORDER BY at_ms, version, participant, kind");
  query.bind(1, record);
  std::vector<SignOff> out;
  while (query.step()) {
    out.push_back({query.text(0), static_cast<int>(query.int64(1)), query.text(2), query.text(3), query.text(4),
                   query.text(5), instant_from_unix_ms(query.int64(6))});
  }
  return out;
}

void SqliteSignoffStore::set_sharing(std::string_view record, const SharingDecision& d) {
  std::lock_guard lock(mutex_);
  Statement upsert(db_,
                   "INSERT INTO record_sharing (record, shared, decided_by, at_ms) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (record) DO UPDATE SET shared = ?2, decided_by = ?3, at_ms = ?4");
  upsert.bind(1, record).bind(2, std::int64_t{d.shared ? 1 : 0}).bind(3, d.decided_by).bind(4, unix_ms(d.at)).run();
}

std::optional<SharingDecision> SqliteSignoffStore::sharing(std::string_view record) {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT shared, decided_by, at_ms FROM record_sharing WHERE record = ?1");
  query.bind(1, record);
  if (!query.step()) return std::nullopt;
  return SharingDecision{query.int64(0) != 0, query.text(1), instant_from_unix_ms(query.int64(2))};
}

bool SqliteSignoffStore::queue_for_dossier(const DossierQueued& q, const std::vector<OutboxEntry>& effects) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement mark(db_,
                 "INSERT INTO dossier_queued (record, version, reason, sinks, queued_at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
                 "ON CONFLICT DO NOTHING");
  mark.bind(1, q.record)
      .bind(2, std::int64_t{q.version})
      .bind(3, q.reason)
      .bind(4, nlohmann::json(q.sinks).dump())
      .bind(5, unix_ms(q.queued_at))
      .run();
  if (db_.changes() != 1) return false;  // queued before: the transaction rolls back, nothing else
  OutboxInserter outbox(db_);
  for (const auto& e : effects) outbox.insert(e, q.queued_at, q.queued_at);
  tx.commit();
  return true;
}

std::vector<DossierQueued> SqliteSignoffStore::dossier_queued(std::string_view record) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT record, version, reason, sinks, queued_at_ms FROM dossier_queued WHERE record = ?1 "
                  "ORDER BY version");
  query.bind(1, record);
  std::vector<DossierQueued> out;
  while (query.step()) {
    DossierQueued q{query.text(0), static_cast<int>(query.int64(1)), query.text(2), {},
                    instant_from_unix_ms(query.int64(4))};
    const auto sinks = nlohmann::json::parse(query.text(3), nullptr, false);
    if (!sinks.is_array())
      throw StoreError(fmt::format("database {}: dossier_queued of {} has sinks that are not a JSON list",
                                   db_.file().string(), q.record));
    for (const auto& s : sinks)
      if (s.is_string()) q.sinks.push_back(s.get<std::string>());
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace lobsync::store::sqlite
