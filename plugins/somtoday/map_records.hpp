// Somtoday Connect objects → roster records (plugins/sdk/roster-records.md). Each function maps
// one vendor object, emits its record(s) at once and reports per-record data problems as
// "problem" records; nothing is kept except the small id maps in RosterState.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace somtoday {

// Emits records and problem records to the host.
class RecordSink {
 public:
  explicit RecordSink(lobsync::sdk::Emitter& out) : out_(out) {}
  void emit(const nlohmann::json& record) { out_.emit(record); }
  // `record` names the vendor object without personal data ("leerling 12345").
  void problem(const std::string& record, const std::string& field, const std::string& message, bool whole_record);

 private:
  lobsync::sdk::Emitter& out_;
};

// What later phases need from earlier ones; ids only, no personal data.
struct RosterState {
  std::string today;                                   // YYYY-MM-DD, Europe/Amsterdam
  // Keyed by UUIDs and only looked up, never walked: hashed, since ordered trees of 100,000
  // UUIDs spend much of a sync comparing strings (measured in the OneRoster plugin).
  std::unordered_set<std::string> locations;                     // vestigingen being read
  std::unordered_set<std::string> staff;                         // emitted, to skip repeats across vestigingen
  std::unordered_map<std::string, std::optional<std::string>> group_levels;  // stamgroep → level
  std::unordered_map<std::string, std::optional<int>> group_years;           // stamgroep → leerjaar
  std::unordered_map<std::string, std::string> group_of_student;  // from stamgroep.leerlingen, a fallback
  std::unordered_set<std::string> students;                      // emitted students
  std::unordered_map<std::string, int> contact_order;            // "<leerling>|<verzorger>" → volgnummer
  std::unordered_set<std::string> guardians;                     // emitted guardians
};

void map_location(const nlohmann::json& vestiging, RecordSink& out);
void map_staff(const nlohmann::json& medewerker, const std::string& vestiging, RosterState& state, RecordSink& out);
void map_group(const nlohmann::json& stamgroep, const std::string& vestiging, RosterState& state, RecordSink& out);
void map_student(const nlohmann::json& leerling, const std::string& vestiging, RosterState& state, RecordSink& out);
void map_guardian(const nlohmann::json& ouder, RosterState& state, RecordSink& out);

}  // namespace somtoday
