#include "store/sqlite/sqlite_assignment_store.h"

#include "store/store.h"

namespace lobsync::store::sqlite {

std::optional<AssignmentState> SqliteAssignmentStore::read(std::string_view meeting) {
  Statement query(db_,
                  "SELECT meeting, template, done_at_ms, done_by, done_by_role, answer, answer_by_role, updated_at_ms "
                  "FROM assignments WHERE meeting = ?1");
  query.bind(1, meeting);
  if (!query.step()) return std::nullopt;
  AssignmentState state;
  state.meeting = query.text(0);
  state.template_id = query.text(1);
  state.done = true;
  state.done_at = instant_from_unix_ms(query.int64(2));
  state.done_by = query.text(3);
  state.done_by_role = query.text(4);
  state.answer = query.text(5);
  state.answer_by_role = query.text(6);
  state.updated_at = instant_from_unix_ms(query.int64(7));
  return state;
}

std::optional<AssignmentState> SqliteAssignmentStore::assignment(std::string_view meeting) {
  std::lock_guard lock(mutex_);
  return read(meeting);
}

AssignmentState SqliteAssignmentStore::mark_done(std::string_view meeting, std::string_view template_id,
                                                 std::string_view participant, std::string_view role,
                                                 std::string_view answer, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  {
    // The first marking sets done_at and done_by; later ones only replace the answer.
    Statement upsert(db_,
                     "INSERT INTO assignments (meeting, template, done_at_ms, done_by, done_by_role, answer, "
                     "answer_by_role, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?3) "
                     "ON CONFLICT (meeting) DO UPDATE SET answer = excluded.answer, "
                     "answer_by_role = excluded.answer_by_role, updated_at_ms = excluded.updated_at_ms");
    upsert.bind(1, meeting).bind(2, template_id).bind(3, unix_ms(now)).bind(4, participant).bind(5, role).bind(6, answer).run();
  }
  {
    Statement response(db_,
                       "INSERT INTO assignment_responses (meeting, participant, role, at_ms) VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (meeting, participant) DO UPDATE SET at_ms = excluded.at_ms");
    response.bind(1, meeting).bind(2, participant).bind(3, role).bind(4, unix_ms(now)).run();
  }
  auto state = read(meeting);
  tx.commit();
  return *state;
}

bool SqliteAssignmentStore::responded(std::string_view meeting, std::string_view participant) {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT 1 FROM assignment_responses WHERE meeting = ?1 AND participant = ?2");
  query.bind(1, meeting).bind(2, participant);
  return query.step();
}

}  // namespace lobsync::store::sqlite
