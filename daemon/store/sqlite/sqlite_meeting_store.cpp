#include "store/sqlite/sqlite_meeting_store.h"

#include "store/sqlite/sqlite_outbox_store.h"
#include "store/store.h"

#include <fmt/format.h>

namespace lobsync::store::sqlite {
namespace {

using nlohmann::json;

constexpr const char* kMeetingColumns =
    "id, school_year, type, student, mentor, household, start_ms, end_ms, location, participants, status, sequence, "
    "interpreter";

json participants_json(const std::vector<domain::Participant>& list) {
  json out = json::array();
  for (const auto& p : list)
    out.push_back({{"role", p.role}, {"key", p.key}, {"name", p.name}, {"email", p.email}, {"language", p.language}});
  return out;
}

std::vector<domain::Participant> participants_from(const std::string& text) {
  std::vector<domain::Participant> out;
  const auto list = json::parse(text, nullptr, false);
  if (!list.is_array()) return out;
  for (const auto& p : list) {
    if (!p.is_object()) continue;
    out.push_back({p.value("role", ""), p.value("key", ""), p.value("name", ""), p.value("email", ""),
                   p.value("language", "")});
  }
  return out;
}

domain::Meeting read_meeting(const Statement& row) {
  domain::Meeting m;
  m.id = row.text(0);
  m.school_year = row.text(1);
  m.type = row.text(2);
  m.student = row.text(3);
  m.mentor = row.text(4);
  m.household = row.text(5);
  m.start = instant_from_unix_ms(row.int64(6));
  m.end = instant_from_unix_ms(row.int64(7));
  m.location = row.text(8);
  m.participants = participants_from(row.text(9));
  m.status = row.text(10);
  m.sequence = static_cast<int>(row.int64(11));
  m.interpreter = row.text(12);
  return m;
}

std::vector<domain::Meeting> read_all(Statement& query) {
  std::vector<domain::Meeting> out;
  while (query.step()) out.push_back(read_meeting(query));
  return out;
}

}  // namespace

std::vector<domain::Meeting> SqliteMeetingStore::meetings(std::string_view school_year) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE school_year = ?1 ORDER BY id");
  query.bind(1, school_year);
  return read_all(query);
}

std::optional<domain::Meeting> SqliteMeetingStore::meeting(std::string_view id) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_meeting(query);
}

std::vector<domain::Meeting> SqliteMeetingStore::mentor_meetings(std::string_view mentor) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + kMeetingColumns +
                           " FROM meetings WHERE mentor = ?1 AND status <> 'cancelled' ORDER BY start_ms, id");
  query.bind(1, mentor);
  return read_all(query);
}

std::vector<domain::Meeting> SqliteMeetingStore::student_meetings(std::string_view student) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE student = ?1 ORDER BY start_ms, id");
  query.bind(1, student);
  return read_all(query);
}

std::vector<domain::Meeting> SqliteMeetingStore::student_meetings(std::string_view student, std::string_view school_year) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + kMeetingColumns +
                           " FROM meetings WHERE student = ?1 AND school_year = ?2 AND status <> 'cancelled' "
                           "ORDER BY start_ms, id");
  query.bind(1, student).bind(2, school_year);
  return read_all(query);
}

namespace {

constexpr const char* kUpsert =
    "INSERT INTO meetings (id, school_year, type, student, mentor, household, start_ms, end_ms, location, "
    "participants, status, sequence, created_at_ms, updated_at_ms, interpreter) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14) "
    "ON CONFLICT (id) DO UPDATE SET school_year = excluded.school_year, type = excluded.type, "
    "student = excluded.student, mentor = excluded.mentor, household = excluded.household, "
    "start_ms = excluded.start_ms, end_ms = excluded.end_ms, location = excluded.location, "
    "participants = excluded.participants, status = excluded.status, sequence = excluded.sequence, "
    "updated_at_ms = excluded.updated_at_ms, interpreter = excluded.interpreter";

// Inserts or replaces one meeting with `write` (prepared from kUpsert, reused for a whole save).
void upsert(Statement& write, const domain::Meeting& m, Instant now) {
  write.bind(1, m.id)
      .bind(2, m.school_year)
      .bind(3, m.type)
      .bind(4, m.student)
      .bind(5, m.mentor)
      .bind(6, m.household)
      .bind(7, unix_ms(m.start))
      .bind(8, unix_ms(m.end))
      .bind(9, m.location)
      .bind(10, participants_json(m.participants).dump())
      .bind(11, m.status)
      .bind(12, std::int64_t{m.sequence})
      .bind(13, unix_ms(now))
      .bind(14, m.interpreter)
      .run();
  write.reset();
}

void upsert(Database& db, const domain::Meeting& m, Instant now) {
  Statement write(db, kUpsert);
  upsert(write, m, now);
}

void enqueue_all(Database& db, const std::vector<OutboxEntry>& effects, Instant now) {
  OutboxInserter inserter(db);
  for (const auto& e : effects) inserter.insert(e, now, now);
}

}  // namespace

void SqliteMeetingStore::save(const std::vector<domain::Meeting>& changed, const std::vector<OutboxEntry>& effects,
                              Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement current(db_, "SELECT sequence FROM meetings WHERE id = ?1");
  Statement write(db_, kUpsert);
  for (const auto& m : changed) {
    // Every change raises the sequence. A stored version as new as this one means someone
    // (a parent on the booking page) changed the meeting after it was read: refuse the whole
    // save rather than overwrite that, and let the next plan start from what is stored.
    current.bind(1, m.id);
    if (current.step() && current.int64(0) >= m.sequence && m.sequence > 0)
      throw StoreError(fmt::format("meeting {} changed while it was being planned (version {} is stored); "
                                   "nothing was saved, plan again",
                                   m.id, current.int64(0)));
    current.reset();
    upsert(write, m, now);
  }
  enqueue_all(db_, effects, now);
  tx.commit();
}

bool SqliteMeetingStore::save_if_sequence(const domain::Meeting& changed, int expected_sequence,
                                          const std::vector<OutboxEntry>& effects, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement current(db_, "SELECT sequence FROM meetings WHERE id = ?1");
  current.bind(1, changed.id);
  if (!current.step() || current.int64(0) != expected_sequence) return false;
  upsert(db_, changed, now);
  enqueue_all(db_, effects, now);
  tx.commit();
  return true;
}

RebookResult SqliteMeetingStore::rebook(const domain::Meeting& moved, int expected_sequence, const RebookRules& rules,
                                        const std::vector<OutboxEntry>& effects, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement current(db_, "SELECT sequence FROM meetings WHERE id = ?1");
  current.bind(1, moved.id);
  if (!current.step() || current.int64(0) != expected_sequence) return RebookResult::stale;
  const auto gap_ms = std::chrono::duration_cast<std::chrono::milliseconds>(rules.gap).count();
  Statement overlap(db_,
                    "SELECT COUNT(*) FROM meetings WHERE mentor = ?1 AND id <> ?2 AND status <> 'cancelled' "
                    "AND start_ms < ?3 + ?5 AND end_ms + ?5 > ?4");
  overlap.bind(1, moved.mentor).bind(2, moved.id).bind(3, unix_ms(moved.end)).bind(4, unix_ms(moved.start)).bind(5, gap_ms);
  if (overlap.step() && overlap.int64(0) > 0) return RebookResult::taken;
  if (rules.max_per_day > 0) {
    Statement same_day(db_,
                       "SELECT COUNT(*) FROM meetings WHERE mentor = ?1 AND id <> ?2 AND status <> 'cancelled' "
                       "AND start_ms >= ?3 AND start_ms < ?4");
    same_day.bind(1, moved.mentor).bind(2, moved.id).bind(3, unix_ms(rules.day_from)).bind(4, unix_ms(rules.day_to));
    if (same_day.step() && same_day.int64(0) >= rules.max_per_day) return RebookResult::taken;
  }
  upsert(db_, moved, now);
  enqueue_all(db_, effects, now);
  tx.commit();
  return RebookResult::moved;
}

std::optional<domain::Meeting> SqliteMeetingStore::mark_attendance(std::string_view id, Attendance outcome,
                                                                   std::string_view by, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  const char* status = outcome == Attendance::held ? domain::kHeld : domain::kMissed;
  Statement update(db_, "UPDATE meetings SET status = ?2, sequence = sequence + 1, updated_at_ms = ?3 WHERE id = ?1");
  update.bind(1, id).bind(2, std::string_view(status)).bind(3, unix_ms(now)).run();
  Statement query(db_, std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  auto meeting = read_meeting(query);
  Statement insert(db_, "INSERT INTO attendance (meeting, sequence, outcome, marked_by, at_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, id)
      .bind(2, std::int64_t{meeting.sequence})
      .bind(3, std::string_view(attendance_name(outcome)))
      .bind(4, by)
      .bind(5, unix_ms(now))
      .run();
  tx.commit();
  return meeting;
}

std::set<std::string> SqliteMeetingStore::missed_meetings() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT DISTINCT meeting FROM attendance WHERE outcome <> 'held'");
  std::set<std::string> out;
  while (query.step()) out.insert(query.text(0));
  return out;
}

void SqliteMeetingStore::replace_busy_times(const std::vector<BusyTime>& busy) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  db_.exec("DELETE FROM busy_times");
  Statement insert(db_, "INSERT INTO busy_times (person, start_ms, end_ms) VALUES (?1, ?2, ?3)");
  for (const auto& b : busy) {
    if (b.end <= b.start) continue;
    insert.bind(1, b.person).bind(2, unix_ms(b.start)).bind(3, unix_ms(b.end)).run();
    insert.reset();
  }
  tx.commit();
}

std::vector<BusyTime> SqliteMeetingStore::busy_times(std::string_view person, Instant from, Instant to) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT person, start_ms, end_ms FROM busy_times WHERE person = ?1 AND start_ms < ?3 AND end_ms > ?2 "
                  "ORDER BY start_ms");
  query.bind(1, person).bind(2, unix_ms(from)).bind(3, unix_ms(to));
  std::vector<BusyTime> out;
  while (query.step())
    out.push_back({query.text(0), instant_from_unix_ms(query.int64(1)), instant_from_unix_ms(query.int64(2))});
  return out;
}

std::int64_t SqliteMeetingStore::record_plan_run(Instant started, Instant finished, bool dry_run, const json& summary) {
  std::lock_guard lock(mutex_);
  Statement insert(db_, "INSERT INTO plan_runs (started_at_ms, finished_at_ms, dry_run, summary) VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, unix_ms(started)).bind(2, unix_ms(finished)).bind(3, std::int64_t{dry_run ? 1 : 0}).bind(4, summary.dump()).run();
  return db_.last_insert_id();
}

std::optional<PlanRun> SqliteMeetingStore::last_plan_run() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT id, started_at_ms, finished_at_ms, dry_run, summary FROM plan_runs ORDER BY id DESC LIMIT 1");
  if (!query.step()) return std::nullopt;
  PlanRun run;
  run.id = query.int64(0);
  run.started_at = instant_from_unix_ms(query.int64(1));
  run.finished_at = instant_from_unix_ms(query.int64(2));
  run.dry_run = query.int64(3) != 0;
  run.summary = json::parse(query.text(4), nullptr, false);
  return run;
}

std::set<std::string> SqliteMeetingStore::separate_households() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT student FROM family_choices WHERE separate_meetings = 1");
  std::set<std::string> out;
  while (query.step()) out.insert(query.text(0));
  return out;
}

void SqliteMeetingStore::set_separate_households(std::string_view student, bool separate, Instant now) {
  std::lock_guard lock(mutex_);
  Statement write(db_,
                  "INSERT INTO family_choices (student, separate_meetings, updated_at_ms) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (student) DO UPDATE SET separate_meetings = excluded.separate_meetings, "
                  "updated_at_ms = excluded.updated_at_ms");
  write.bind(1, student).bind(2, std::int64_t{separate ? 1 : 0}).bind(3, unix_ms(now)).run();
}

std::map<std::string, domain::TimeWindow> SqliteMeetingStore::parent_preferences() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT student, preferred_from, preferred_to FROM family_choices WHERE preferred_from IS NOT NULL");
  std::map<std::string, domain::TimeWindow> out;
  while (query.step())
    out[query.text(0)] = {static_cast<int>(query.int64(1)), static_cast<int>(query.int64(2))};
  return out;
}

void SqliteMeetingStore::set_parent_preference(std::string_view student, std::optional<domain::TimeWindow> hours,
                                               Instant now) {
  std::lock_guard lock(mutex_);
  Statement write(db_,
                  "INSERT INTO family_choices (student, preferred_from, preferred_to, updated_at_ms) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (student) DO UPDATE SET preferred_from = excluded.preferred_from, "
                  "preferred_to = excluded.preferred_to, updated_at_ms = excluded.updated_at_ms");
  std::optional<std::int64_t> from, to;
  if (hours) {
    from = hours->from;
    to = hours->to;
  }
  write.bind(1, student).bind(2, from).bind(3, to).bind(4, unix_ms(now)).run();
}

std::size_t SqliteMeetingStore::set_participant_language(const std::vector<std::string>& people,
                                                         std::string_view language, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  std::map<std::string, std::string> changed;  // meeting id → participants JSON
  // The stored list is nlohmann's compact dump with sorted keys, so `"key":<the key as JSON>`
  // finds a person's meetings without parsing every row; each hit is checked after parsing.
  Statement find(db_, "SELECT id, participants FROM meetings WHERE instr(participants, ?1) > 0");
  for (const auto& person : people) {
    find.reset();
    find.bind(1, "\"key\":" + json(person).dump());
    while (find.step()) {
      const auto id = find.text(0);
      auto list = participants_from(changed.contains(id) ? changed[id] : find.text(1));
      bool hit = false;
      for (auto& p : list) {
        if (p.key != person || p.language == language) continue;
        p.language = std::string(language);
        hit = true;
      }
      if (hit) changed[id] = participants_json(list).dump();
    }
  }
  Statement write(db_, "UPDATE meetings SET participants = ?2, updated_at_ms = ?3 WHERE id = ?1");
  for (const auto& [id, participants] : changed) {
    write.reset();
    write.bind(1, id).bind(2, participants).bind(3, unix_ms(now)).run();
  }
  tx.commit();
  return changed.size();
}

}  // namespace lobsync::store::sqlite
