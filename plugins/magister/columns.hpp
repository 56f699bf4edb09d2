// The tables the plugin reads and, per table, the fields it maps with their default column
// names. Defaults are the SWP's documented names (GetActiveStudents, GetActiveEmpoyees) and, for
// the school-defined GetData layouts and the timetable export, the names README.md proposes.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace magister {

enum class Table { students, staff, parents, mentors, timetable };
inline constexpr std::array<Table, 5> kTables{Table::students, Table::staff, Table::parents,
                                             Table::mentors, Table::timetable};

// How much a field matters when its column is missing from a header.
enum class Need {
  key,       // the record is useless without it: cannot be disabled in the settings
  required,  // expected: a missing column fails the read, unless the setting maps it to null
  optional,  // used when present (the SWP or a layout may not have it)
};

struct Field {
  std::string_view name;    // the logical name used in settings: "student_number"
  std::string_view column;  // the default column name
  Need need;
};

// "students", "staff", "parents", "mentors", "timetable": the keys used in the settings.
std::string_view table_key(Table table);
// "students, staff, parents, mentors, timetable", for messages.
std::string table_keys();
std::span<const Field> default_fields(Table table);
const Field* find_field(Table table, std::string_view name);

// The column each field reads for one table; nullopt when the field is switched off.
using FieldColumns = std::map<std::string, std::optional<std::string>, std::less<>>;
using ColumnMap = std::array<FieldColumns, kTables.size()>;

ColumnMap default_columns();
inline FieldColumns& columns_of(ColumnMap& map, Table t) { return map[static_cast<std::size_t>(t)]; }
inline const FieldColumns& columns_of(const ColumnMap& map, Table t) {
  return map[static_cast<std::size_t>(t)];
}

}  // namespace magister
