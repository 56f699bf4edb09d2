// Thin RAII owners for a sqlite3 connection and its prepared statements. Values always go in
// through bind(), never by building SQL strings. Errors become store::StoreError naming the file.
// Not thread-safe by itself: SqliteStore serialises all use of one connection with a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace lobsync::store::sqlite {

class Database {
 public:
  // Opens read-write, creating the file if missing. Throws StoreError when that fails or when
  // SQLite could only open it read-only.
  static Database open(const std::filesystem::path& file);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& file() const { return file_; }

  // Runs constant SQL that may hold several statements (migrations, pragmas). Never pass values
  // in here; use Statement::bind().
  void exec(std::string_view sql);
  void set_busy_timeout(int milliseconds);
  std::int64_t changes() const;
  std::int64_t last_insert_id() const;

  // "database /x/lobsync.db: <what>: <sqlite's message>".
  [[noreturn]] void fail(std::string_view what) const;

 private:
  Database(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, std::optional<std::int64_t> value);  // nullopt binds NULL

  // Advances: true when a row is ready, false when the statement is done.
  bool step();
  // Steps to the end for statements that return no rows.
  void run();
  // Makes the statement ready to run again with new bindings (batch inserts).
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::string text(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Holds a transaction open; rolls back unless commit() was called (also on exceptions).
class Transaction {
 public:
  // IMMEDIATE takes the write lock up front so a read-then-write cannot deadlock with another
  // connection; busy_timeout then makes the other writer wait.
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace lobsync::store::sqlite
