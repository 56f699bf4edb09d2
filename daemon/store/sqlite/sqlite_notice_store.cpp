#include "store/sqlite/sqlite_notice_store.h"

#include "store/sqlite/sqlite_outbox_store.h"

namespace lobsync::store::sqlite {

std::set<std::string> SqliteNoticeStore::sent_notice_keys(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  std::set<std::string> sent;
  Statement query(db_, "SELECT 1 FROM sent_notices WHERE key = ?1");
  for (const auto& key : keys) {
    query.reset();
    query.bind(1, key);
    if (query.step()) sent.insert(key);
  }
  return sent;
}

bool SqliteNoticeStore::has_digest_on(std::string_view recipient, std::string_view day) {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT 1 FROM sent_notices WHERE recipient = ?1 AND day = ?2 LIMIT 1");
  query.bind(1, recipient).bind(2, day);
  return query.step();
}

std::vector<bool> SqliteNoticeStore::record_digests(const std::vector<DigestWrite>& digests, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  OutboxInserter outbox(db_);
  Statement mark(db_,
                 "INSERT INTO sent_notices (key, recipient, meeting, day, digest_key, sent_at_ms) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key) DO NOTHING");
  std::vector<bool> written;
  written.reserve(digests.size());
  for (const auto& d : digests) {
    // The digest's key is unique: a second run racing this one for the same recipient and day
    // finds it taken, and this digest's marks are not written either.
    const bool added = outbox.insert(d.mail, now, d.not_before);
    written.push_back(added);
    if (!added) continue;
    for (const auto& m : d.marks) {
      mark.bind(1, m.key).bind(2, d.recipient).bind(3, m.meeting).bind(4, d.day).bind(5, d.mail.key);
      mark.bind(6, unix_ms(now)).run();
      mark.reset();
    }
  }
  tx.commit();
  return written;
}

std::vector<MailTrace> SqliteNoticeStore::mail_about(std::string_view meeting, std::string_view recipient,
                                                     std::string_view recipient_hash) {
  std::lock_guard lock(mutex_);
  std::vector<MailTrace> out;
  {
    // Invitation keys are "invite:<meeting>:<sequence>:<recipient hash>" (planning/invitations.cpp).
    // The meeting id is matched by prefix with substr, not LIKE, so '%' or '_' in an id are plain.
    const std::string prefix = "invite:" + std::string(meeting) + ":";
    const std::string suffix = ":" + std::string(recipient_hash);
    Statement q(db_,
                "SELECT key, state FROM outbox WHERE substr(key, 1, length(?1)) = ?1 "
                "AND substr(key, length(key) - length(?2) + 1) = ?2");
    q.bind(1, prefix).bind(2, suffix);
    while (q.step()) out.push_back({"invitation", q.text(1)});
  }
  Statement q(db_,
              "SELECT DISTINCT o.key, o.state FROM sent_notices n JOIN outbox o ON o.key = n.digest_key "
              "WHERE n.meeting = ?1 AND n.recipient = ?2");
  q.bind(1, meeting).bind(2, recipient);
  while (q.step()) out.push_back({"digest", q.text(1)});
  return out;
}

}  // namespace lobsync::store::sqlite
