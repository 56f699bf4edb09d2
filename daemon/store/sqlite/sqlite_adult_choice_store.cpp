#include "store/sqlite/sqlite_adult_choice_store.h"

#include "store/store.h"

namespace lobsync::store::sqlite {
namespace {

constexpr const char* kAdultChoiceColumns = "student, type, school_year, asked_at_ms, answer, answered_at_ms";

AdultChoice read_row(const Statement& row) {
  AdultChoice c;
  c.student = row.text(0);
  c.type = row.text(1);
  c.school_year = row.text(2);
  if (!row.is_null(3)) c.asked_at = instant_from_unix_ms(row.int64(3));
  if (!row.is_null(4)) c.answer = row.text(4) == "parents" ? AdultAnswer::parents : AdultAnswer::alone;
  if (!row.is_null(5)) c.answered_at = instant_from_unix_ms(row.int64(5));
  return c;
}

}  // namespace

std::map<std::pair<std::string, std::string>, AdultChoice> SqliteAdultChoiceStore::adult_choices(
    std::string_view school_year) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + kAdultChoiceColumns + " FROM adult_choices WHERE school_year = ?1");
  query.bind(1, school_year);
  std::map<std::pair<std::string, std::string>, AdultChoice> out;
  while (query.step()) {
    auto c = read_row(query);
    auto key = std::make_pair(c.student, c.type);
    out.emplace(std::move(key), std::move(c));
  }
  return out;
}

std::optional<AdultChoice> SqliteAdultChoiceStore::adult_choice(std::string_view student, std::string_view type,
                                                                std::string_view school_year) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + kAdultChoiceColumns +
                           " FROM adult_choices WHERE student = ?1 AND type = ?2 AND school_year = ?3");
  query.bind(1, student).bind(2, type).bind(3, school_year);
  if (!query.step()) return std::nullopt;
  return read_row(query);
}

bool SqliteAdultChoiceStore::mark_asked(std::string_view student, std::string_view type, std::string_view school_year,
                                        Instant now) {
  std::lock_guard lock(mutex_);
  Statement write(db_,
                  "INSERT INTO adult_choices (student, type, school_year, asked_at_ms) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (student, type, school_year) DO UPDATE SET asked_at_ms = excluded.asked_at_ms "
                  "WHERE asked_at_ms IS NULL");
  write.bind(1, student).bind(2, type).bind(3, school_year).bind(4, unix_ms(now)).run();
  return db_.changes() > 0;
}

void SqliteAdultChoiceStore::answer(std::string_view student, std::string_view type, std::string_view school_year,
                                    AdultAnswer answer, Instant now) {
  std::lock_guard lock(mutex_);
  Statement write(db_,
                  "INSERT INTO adult_choices (student, type, school_year, answer, answered_at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT (student, type, school_year) DO UPDATE SET answer = excluded.answer, "
                  "answered_at_ms = excluded.answered_at_ms");
  write.bind(1, student).bind(2, type).bind(3, school_year).bind(4, adult_answer_name(answer)).bind(5, unix_ms(now)).run();
}

}  // namespace lobsync::store::sqlite
