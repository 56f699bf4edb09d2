#include "roster_builder.hpp"

#include "values.hpp"

#include <lobsync/ascii.hpp>
#include <lobsync/household.hpp>
#include <lobsync/text_encoding.hpp>

#include <cctype>

namespace magister {
namespace {

using lobsync::sdk::ascii_lower;
using nlohmann::json;

// Sets doc[key] only for a non-empty value: the host reads an absent field as "not known".
void put(json& doc, const char* key, const std::string& value) {
  if (!value.empty()) doc[key] = value;
}

std::string group_id(const std::string& klas) { return "klas:" + klas; }

}  // namespace

void RosterBuilder::put_names(json& doc, const std::string& who, const Row& row, std::initializer_list<const char*> fields) {
  for (const char* field : fields) {
    const std::string value = row.get(field);
    put(doc, field, value);
    // The name itself is personal data: the problem names the record and the column only.
    if (lobsync::sdk::has_lost_letters(value)) {
      out_.notice(who, row.column(field),
                  "a '?' stands where a letter was: an earlier export step lost letters it could not encode; "
                  "export again as UTF-8 (the name is kept as it is)");
    }
  }
}

std::string RosterBuilder::location(const std::string& name) {
  const std::string id = "loc:" + name;
  if (locations_.insert(name).second) out_.record({{"kind", "location"}, {"source_id", id}, {"name", name}});
  return id;
}

void RosterBuilder::student(const Row& row) {
  const std::string id = row.get("student_number");
  if (id.empty()) return out_.problem(row.where, row.column("student_number"), "empty student number", true);
  const std::string who = "student " + id;
  if (student_households_.count(id) != 0) {
    return out_.problem(row.where, row.column("student_number"), "duplicate student number " + id + "; the first row is kept", true);
  }
  json doc{{"kind", "student"}, {"source_id", id}, {"student_number", id}};
  put_names(doc, who, row, {"given_name", "family_name_prefix", "family_name"});
  if (!doc.contains("given_name") || !doc.contains("family_name")) {
    return out_.problem(who, row.column(doc.contains("given_name") ? "family_name" : "given_name"), "name is empty", true);
  }
  if (const std::string text = row.get("birth_date"); !text.empty()) {
    // The value itself is personal data: the message describes it, never quotes it.
    if (auto date = parse_date(text)) doc["birth_date"] = *date;
    else value_problem(who, row, "birth_date", "not a date (expected dd-mm-yyyy or yyyy-mm-dd)");
  }
  put(doc, "email", row.get("email"));
  Group* group = nullptr;
  if (const std::string klas = row.get("group"); !klas.empty()) {
    doc["group"] = group_id(klas);
    group = &groups_[klas];
  }
  if (const std::string text = row.get("year"); !text.empty()) {
    if (auto year = parse_year(text)) {
      doc["year"] = *year;
      if (group) group->years.insert(*year);
    } else {
      value_problem(who, row, "year", "not a school year from 1 to 6: '" + text + "'");
    }
  }
  if (const std::string studie = row.get("level"); !studie.empty()) {
    doc["level"] = parse_level(studie);
    if (group) group->levels.insert(doc["level"].get<std::string>());
  }
  if (const std::string name = row.get("location"); !name.empty()) {
    doc["location"] = location(name);
    if (group) group->locations.insert(doc["location"].get<std::string>());
  }
  // The address only ever becomes a household key, for parents without an address of their own.
  student_households_[id] =
      lobsync::sdk::household_key(row.get("postcode"), row.get("house_number"), row.get("house_number_addition"));
  out_.record(doc);
}

void RosterBuilder::students_done() {
  for (const auto& [name, group] : groups_) {
    json doc{{"kind", "group"}, {"source_id", group_id(name)}, {"name", name}};
    // A class gets a year, level or location only when all its students agree on it.
    if (group.years.size() == 1) doc["year"] = *group.years.begin();
    if (group.levels.size() == 1) doc["level"] = *group.levels.begin();
    if (group.locations.size() == 1) doc["location"] = *group.locations.begin();
    out_.record(doc);
  }
}

void RosterBuilder::staff(const Row& row) {
  const std::string id = row.get("staff_number");
  if (id.empty()) return out_.problem(row.where, row.column("staff_number"), "empty staff number", true);
  const std::string who = "staff " + id;
  if (!staff_ids_.insert(id).second) {
    return out_.problem(row.where, row.column("staff_number"), "duplicate staff number " + id + "; the first row is kept", true);
  }
  json doc{{"kind", "staff"}, {"source_id", id}};
  put_names(doc, who, row, {"given_name", "initials", "family_name_prefix", "family_name"});
  if (!doc.contains("family_name")) return out_.problem(who, row.column("family_name"), "family name is empty", true);
  if (const std::string code = row.get("abbreviation"); !code.empty()) {
    if (staff_by_code_.emplace(ascii_lower(code), id).second) {
      doc["abbreviation"] = code;
    } else {
      value_problem(who, row, "abbreviation", "code " + code + " is already used by staff " + staff_by_code_[ascii_lower(code)]);
    }
  }
  put(doc, "email", row.get("email"));
  if (const std::string name = row.get("location"); !name.empty()) doc["location"] = location(name);
  out_.record(doc);
}

void RosterBuilder::parent(const Row& row) {
  const std::string id = row.get("guardian_id");
  const std::string student = row.get("student_number");
  if (id.empty()) return out_.problem(row.where, row.column("guardian_id"), "empty parent id", true);
  auto household = student_households_.find(student);
  if (household == student_households_.end()) {
    return out_.problem(row.where, row.column("student_number"),
                        student.empty() ? "empty student number" : "student " + student + " is not an active student", true);
  }
  const std::string who = "guardian " + id;
  auto [at, first] = guardian_index_.emplace(id, guardians_.size());
  if (first) {
    json doc{{"kind", "guardian"}, {"source_id", id}, {"students", json::array()}};
    put_names(doc, who, row, {"given_name", "initials", "family_name_prefix", "family_name"});
    put(doc, "email", row.get("email"));
    put(doc, "phone", row.get("phone"));
    // Their own address when the layout has one; a layout without address columns falls back
    // to the child's address (README.md explains why a layout should have them).
    put(doc, "household",
        row.has("postcode") || row.has("house_number")
            ? lobsync::sdk::household_key(row.get("postcode"), row.get("house_number"), row.get("house_number_addition"))
            : household->second);
    guardians_.push_back({std::move(doc), {}, row.column("family_name")});
  }
  Guardian& guardian = guardians_[at->second];
  if (!guardian.students.insert(student).second) return;  // the same link twice
  json link{{"student", student}};
  put(link, "relation", row.get("relation"));
  const auto flag = [&](const char* field, const char* key) {
    const std::string text = row.get(field);
    if (text.empty()) return;
    if (auto value = parse_bool(text)) link[key] = *value;
    else value_problem(who, row, field, "not yes/no: '" + text + "'");
  };
  flag("parental_authority", "parental_authority");
  flag("may_receive_mail", "may_receive_mail");
  if (const std::string text = row.get("contact_order"); !text.empty()) {
    if (auto order = parse_positive(text)) link["contact_order"] = *order;
    else value_problem(who, row, "contact_order", "not a whole number from 1: '" + text + "'");
  }
  guardian.record["students"].push_back(std::move(link));
}

void RosterBuilder::mentor(const Row& row) {
  const std::string klas = row.get("group");
  const std::string student = row.get("student_number");
  const std::string code = row.get("staff_code");
  json doc{{"kind", "mentor"}};
  if (!klas.empty()) {
    if (groups_.count(klas) == 0) return out_.problem(row.where, row.column("group"), "class " + klas + " has no active students", true);
    doc["group"] = group_id(klas);
  } else if (!student.empty()) {
    if (student_households_.count(student) == 0) {
      return out_.problem(row.where, row.column("student_number"), "student " + student + " is not an active student", true);
    }
    doc["student"] = student;
  } else {
    return out_.problem(row.where, row.column("group"), "neither a class nor a student", true);
  }
  auto staff = staff_by_code_.find(ascii_lower(code));
  if (staff == staff_by_code_.end()) {
    return out_.problem(row.where, row.column("staff_code"),
                        code.empty() ? "empty staff code" : "no active staff member has code " + code, true);
  }
  doc["staff"] = staff->second;
  doc["role"] = "first";
  if (const std::string text = row.get("role"); !text.empty()) {
    if (auto role = parse_role(text)) doc["role"] = *role;
    else value_problem(row.where, row, "role", "not 1/eerste or 2/tweede: '" + text + "'; first assumed");
  }
  if (mentors_seen_.insert(doc.dump()).second) out_.record(doc);
}

void RosterBuilder::finish() {
  for (auto& guardian : guardians_) {
    const auto& doc = guardian.record;
    if (!doc.contains("family_name")) {
      out_.problem("guardian " + doc["source_id"].get<std::string>(), guardian.family_name_column, "family name is empty", true);
      continue;
    }
    out_.record(doc);
  }
}

}  // namespace magister
