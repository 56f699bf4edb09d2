#include "store/sqlite/sqlite_link_key_store.h"

#include "store/store.h"

namespace lobsync::store::sqlite {
namespace {

std::string to_hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string from_hex(const std::string& hex, const Database& db) {
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  if (hex.size() % 2 != 0) throw StoreError("database " + db.file().string() + ": a link key is not valid hex");
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) throw StoreError("database " + db.file().string() + ": a link key is not valid hex");
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

std::optional<LinkKey> SqliteLinkKeyStore::newest_link_key() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT id, secret, created_at_ms FROM link_keys ORDER BY id DESC LIMIT 1");
  if (!query.step()) return std::nullopt;
  return LinkKey{query.int64(0), from_hex(query.text(1), db_), instant_from_unix_ms(query.int64(2))};
}

std::optional<LinkKey> SqliteLinkKeyStore::link_key(std::int64_t id) {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT id, secret, created_at_ms FROM link_keys WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return LinkKey{query.int64(0), from_hex(query.text(1), db_), instant_from_unix_ms(query.int64(2))};
}

LinkKey SqliteLinkKeyStore::add_link_key(const std::string& secret, Instant now) {
  std::lock_guard lock(mutex_);
  Statement insert(db_, "INSERT INTO link_keys (secret, created_at_ms) VALUES (?1, ?2)");
  insert.bind(1, to_hex(secret)).bind(2, unix_ms(now)).run();
  return LinkKey{db_.last_insert_id(), secret, now};
}

std::vector<LinkKey> SqliteLinkKeyStore::link_keys() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT id, secret, created_at_ms FROM link_keys ORDER BY id");
  std::vector<LinkKey> out;
  while (query.step()) out.push_back({query.int64(0), from_hex(query.text(1), db_), instant_from_unix_ms(query.int64(2))});
  return out;
}

}  // namespace lobsync::store::sqlite
