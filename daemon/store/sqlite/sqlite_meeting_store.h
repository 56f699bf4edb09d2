// MeetingStore over the SqliteStore's connection; shares its mutex, so it is one writer too.
#pragma once

#include "store/meeting_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteMeetingStore final : public MeetingStore {
 public:
  SqliteMeetingStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  std::vector<domain::Meeting> meetings(std::string_view school_year) override;
  std::optional<domain::Meeting> meeting(std::string_view id) override;
  std::vector<domain::Meeting> mentor_meetings(std::string_view mentor) override;
  std::vector<domain::Meeting> student_meetings(std::string_view student) override;
  std::vector<domain::Meeting> student_meetings(std::string_view student, std::string_view school_year) override;
  void save(const std::vector<domain::Meeting>& changed, const std::vector<OutboxEntry>& effects, Instant now) override;
  bool save_if_sequence(const domain::Meeting& changed, int expected_sequence, const std::vector<OutboxEntry>& effects,
                        Instant now) override;
  RebookResult rebook(const domain::Meeting& moved, int expected_sequence, const RebookRules& rules,
                      const std::vector<OutboxEntry>& effects, Instant now) override;
  std::optional<domain::Meeting> mark_attendance(std::string_view meeting, Attendance outcome, std::string_view by,
                                                 Instant now) override;
  std::set<std::string> missed_meetings() override;
  void replace_busy_times(const std::vector<BusyTime>& busy) override;
  std::vector<BusyTime> busy_times(std::string_view person, Instant from, Instant to) override;
  std::int64_t record_plan_run(Instant started, Instant finished, bool dry_run, const nlohmann::json& summary) override;
  std::optional<PlanRun> last_plan_run() override;
  std::size_t set_participant_language(const std::vector<std::string>& people, std::string_view language,
                                       Instant now) override;
  std::set<std::string> separate_households() override;
  void set_separate_households(std::string_view student, bool separate, Instant now) override;
  std::map<std::string, domain::TimeWindow> parent_preferences() override;
  void set_parent_preference(std::string_view student, std::optional<domain::TimeWindow> hours, Instant now) override;

 private:
  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
