// The mapping from a OneRoster bulk export to roster records (plugins/sdk/roster-records.md).
// Files are read in dependency order (orgs, classes, roles, demographics, enrollments, users)
// and records are emitted as each file is read; only small id → value maps are held, to
// resolve a student's class, birth date and location and a guardian's students.
#pragma once

#include "bundle.h"
#include "manifest.h"
#include "table.h"
#include "values.h"

#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <vector>

namespace oneroster {

struct Settings {
  std::filesystem::path path;
  lobsync::sdk::SourceEncoding encoding = lobsync::sdk::SourceEncoding::utf8;
  std::string version = "auto";  // "auto", "1.1", "1.2"
  GradeYears grade_years;        // empty: no year
  bool middle_name_is_prefix = true;
};

class Reader {
 public:
  Reader(const Settings& settings, lobsync::sdk::Emitter& out, const lobsync::sdk::Host& host)
      : settings_(settings), out_(out), host_(host) {}
  // Emits the whole roster; throws Error(LOBSYNC_E_INVALID_ARGUMENT) when the export as a
  // whole is unusable.
  void run();

 private:
  struct Placement {  // a student's homeroom enrollment
    std::string group, from, until;
  };

  // The table for `file` ("users"), following the manifest; nullopt when it is absent and
  // not `needed`.
  std::optional<Table> open(const std::string& file, const std::vector<std::string>& columns, bool needed);
  void read_orgs();
  void read_classes();
  void read_roles();
  void read_demographics();
  void read_enrollments();
  void read_users();
  void collect_guardian_links(Table& users);
  void emit_person(const Table& users, const std::string& id, const std::string& role);
  std::string role_of(const Table& users, const std::string& id) const;
  void add_names(const Table& users, nlohmann::json& doc) const;
  std::optional<int> year(const Table& table, const std::string& column) const;
  std::string checked_date(const Table& table, const std::string& column) const;

  const Settings& settings_;
  lobsync::sdk::Emitter& out_;
  const lobsync::sdk::Host& host_;
  std::unique_ptr<Bundle> bundle_;
  Manifest manifest_;
  // Keyed by sourcedId, which are UUIDs in real exports: hashed, since ordered trees of
  // 100,000 UUIDs spent a fifth of a sync comparing strings.
  std::unordered_set<std::string> schools_;
  std::unordered_set<std::string> homerooms_;
  std::unordered_map<std::string, std::pair<std::string, std::string>> roles_;  // 1.2: user → (role, org)
  std::unordered_map<std::string, std::string> birth_dates_;
  std::unordered_map<std::string, Placement> placements_;
  std::unordered_map<std::string, std::vector<std::string>> guardian_students_;  // guardian → students
  std::unordered_set<std::string> guardians_emitted_;
};

}  // namespace oneroster
