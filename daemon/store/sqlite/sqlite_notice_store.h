// NoticeStore over the SqliteStore's connection; shares its mutex.
#pragma once

#include "store/notice_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteNoticeStore final : public NoticeStore {
 public:
  SqliteNoticeStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  std::set<std::string> sent_notice_keys(const std::vector<std::string>& keys) override;
  bool has_digest_on(std::string_view recipient, std::string_view day) override;
  std::vector<bool> record_digests(const std::vector<DigestWrite>& digests, Instant now) override;
  std::vector<MailTrace> mail_about(std::string_view meeting, std::string_view recipient,
                                    std::string_view recipient_hash) override;

 private:
  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
