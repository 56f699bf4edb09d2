// Maps Magister rows to roster records (plugins/sdk/roster-records.md). Students and staff are
// emitted as they are read; classes, guardians (one per ouder_id, with all their children) and
// mentors need the whole of an earlier table, so the read order is students, staff, parents,
// mentors, and finish() emits what was collected.
#pragma once

#include "csv_table.hpp"
#include "output.hpp"

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace magister {

class RosterBuilder {
 public:
  explicit RosterBuilder(Output& out) : out_(out) {}

  void student(const Row& row);
  void students_done();  // emits the classes
  void staff(const Row& row);
  void parent(const Row& row);
  void mentor(const Row& row);
  void finish();  // emits the guardians

 private:
  struct Group {
    std::set<int> years;
    std::set<std::string> levels, locations;
  };
  struct Guardian {
    nlohmann::json record;
    std::set<std::string> students;
    std::string family_name_column;  // for the problem when it is empty
  };

  std::string location(const std::string& name);  // emits it once, returns its source_id
  // Copies the name columns that have a value into doc, reporting each that lost letters.
  void put_names(nlohmann::json& doc, const std::string& who, const Row& row, std::initializer_list<const char*> fields);
  void value_problem(const std::string& who, const Row& row, std::string_view field, const std::string& message) {
    out_.problem(who, row.column(field), message, false);
  }

  Output& out_;
  std::map<std::string, std::string> student_households_;  // stamnr -> household (may be "")
  std::map<std::string, Group> groups_;                    // class name -> what its students share
  std::set<std::string> locations_;
  std::set<std::string> staff_ids_;
  std::map<std::string, std::string> staff_by_code_;  // lower-case docentcode -> source_id
  std::vector<Guardian> guardians_;                    // in order of first appearance
  std::map<std::string, std::size_t> guardian_index_;  // ouder_id -> position
  std::set<std::string> mentors_seen_;
};

}  // namespace magister
