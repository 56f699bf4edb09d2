#include "columns.hpp"

namespace magister {
namespace {

// GetActiveStudents. Postcode/Nr/Nr.tv only feed the guardian household fallback: an address
// never leaves the plugin.
constexpr Field kStudents[] = {
    {"student_number", "stamnr_str", Need::key},
    {"given_name", "Roepnaam", Need::key},
    {"family_name_prefix", "Tussenv", Need::required},
    {"family_name", "Achternaam", Need::key},
    {"birth_date", "geb_datum_str", Need::required},
    {"email", "Email", Need::required},
    {"group", "Klas", Need::required},
    {"level", "Studie", Need::required},
    {"year", "Leerfase.Leerjaar", Need::required},
    {"location", "Administratieve_eenheid.Omschrijving", Need::optional},
    {"postcode", "Postcode", Need::optional},
    {"house_number", "Nr", Need::optional},
    {"house_number_addition", "Nr.tv", Need::optional},
};

// GetActiveEmpoyees (sic). The SWP has no work e-mail; a school layout may add Email_werk.
constexpr Field kStaff[] = {
    {"staff_number", "stamnr_str", Need::key},
    {"abbreviation", "Code", Need::required},
    {"given_name", "Roepnaam", Need::required},
    {"family_name_prefix", "Tussenv", Need::required},
    {"family_name", "Achternaam", Need::key},
    {"initials", "Voorletters", Need::required},
    {"email", "Email_werk", Need::optional},
    {"location", "Administratieve_eenheid.Omschrijving", Need::optional},
};

// The school's parents layout: one row per (student, parent).
constexpr Field kParents[] = {
    {"student_number", "stamnr", Need::key},
    {"guardian_id", "ouder_id", Need::key},
    {"relation", "relatie", Need::optional},
    {"initials", "voorletters", Need::optional},
    {"given_name", "roepnaam", Need::optional},
    {"family_name_prefix", "tussenv", Need::optional},
    {"family_name", "achternaam", Need::key},
    {"email", "email", Need::required},
    {"phone", "telefoon", Need::optional},
    {"postcode", "postcode", Need::optional},
    {"house_number", "huisnr", Need::optional},
    {"house_number_addition", "toev", Need::optional},
    {"parental_authority", "gezag", Need::optional},
    {"may_receive_mail", "post", Need::optional},
    {"contact_order", "volgorde", Need::optional},
};

// The school's mentors layout: one row per mentor of a class (or of one student).
constexpr Field kMentors[] = {
    {"group", "klas", Need::key},
    {"staff_code", "docentcode", Need::key},
    {"role", "rol", Need::optional},
    {"student_number", "stamnr", Need::optional},
};

// The timetable export (this plugin's proposal, see README.md): one row per lesson and teacher,
// as Magister's afspraken carry them (Start, Einde, Status, Docenten[].Docentcode).
constexpr Field kTimetable[] = {
    {"staff_code", "Docentcode", Need::key},
    {"date", "Datum", Need::optional},
    {"start", "Start", Need::key},
    {"end", "Einde", Need::key},
    {"status", "Status", Need::optional},
};

}  // namespace

std::string table_keys() {
  std::string out;
  for (Table t : kTables) out += (out.empty() ? "" : ", ") + std::string(table_key(t));
  return out;
}

std::string_view table_key(Table table) {
  switch (table) {
    case Table::students: return "students";
    case Table::staff: return "staff";
    case Table::parents: return "parents";
    case Table::mentors: return "mentors";
    case Table::timetable: return "timetable";
  }
  return "?";
}

std::span<const Field> default_fields(Table table) {
  switch (table) {
    case Table::students: return kStudents;
    case Table::staff: return kStaff;
    case Table::parents: return kParents;
    case Table::mentors: return kMentors;
    case Table::timetable: return kTimetable;
  }
  return {};
}

const Field* find_field(Table table, std::string_view name) {
  for (const auto& f : default_fields(table)) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

ColumnMap default_columns() {
  ColumnMap map;
  for (Table t : kTables) {
    for (const auto& f : default_fields(t)) columns_of(map, t)[std::string(f.name)] = std::string(f.column);
  }
  return map;
}

}  // namespace magister
