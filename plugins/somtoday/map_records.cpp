#include "map_records.hpp"

#include "civil_date.hpp"
#include "levels.hpp"

#include <lobsync/ascii.hpp>
#include <lobsync/household.hpp>

#include <cctype>

namespace somtoday {
namespace {

using lobsync::sdk::ascii_lower;
using nlohmann::json;
using Text = std::optional<std::string>;

// A string field, or nothing: the API omits null and unreleased fields, so presence is never
// assumed, and a value of the wrong type counts as absent.
Text text(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) return std::nullopt;
  return it->get<std::string>();
}

// The uuid of a nested reference such as "vestiging": {"uuid": …}.
Text uuid_of(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return std::nullopt;
  return text(object[key], "uuid");
}

void put(json& record, const char* field, const Text& value) {
  if (value) record[field] = *value;
}

std::optional<bool> flag(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_boolean()) return std::nullopt;
  return object[key].get<bool>();
}

// Leerlingnummer is an integer in the spec; accept a string too rather than lose it.
Text number_text(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return std::nullopt;
  const json& v = object[key];
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return text(object, key);
}

// A leerjaar in 1–6, or nothing with a problem when it is present but out of range.
std::optional<int> school_year(const json& object, const std::string& label, RecordSink& out) {
  if (!object.is_object() || !object.contains("leerjaar")) return std::nullopt;
  const json& v = object["leerjaar"];
  if (v.is_number_integer() && v.get<long long>() >= 1 && v.get<long long>() <= 6) return v.get<int>();
  out.problem(label, "leerjaar", "not a school year from 1 to 6", false);
  return std::nullopt;
}

Text date_field(const json& object, const char* key, const std::string& label, RecordSink& out) {
  if (!object.is_object() || !object.contains(key)) return std::nullopt;
  if (auto value = text(object, key)) {
    if (parse_date(*value)) return value;
  }
  out.problem(label, key, "not a valid date (YYYY-MM-DD)", false);
  return std::nullopt;
}

Text first_word(const Text& names) {
  if (!names) return std::nullopt;
  const auto end = names->find(' ');
  return names->substr(0, end);
}

// The placement valid today (start ≤ today ≤ end, both inclusive); the latest start wins if
// the school left overlapping ones.
const json* active_placement(const json& leerling, const std::string& today, const std::string& label,
                             RecordSink& out) {
  if (!leerling.contains("plaatsingen") || !leerling["plaatsingen"].is_array()) return nullptr;
  const json* best = nullptr;
  std::string best_start;
  for (const json& p : leerling["plaatsingen"]) {
    const Text start = text(p, "startdatum");
    const Text end = text(p, "einddatum");
    if ((start && !parse_date(*start)) || (end && !parse_date(*end))) {
      out.problem(label, "plaatsingen", "a plaatsing has an invalid start or end date and is ignored", false);
      continue;
    }
    if ((start && *start > today) || (end && *end < today)) continue;
    const std::string s = start.value_or("");
    if (best == nullptr || s > best_start) {
      best = &p;
      best_start = s;
    }
  }
  return best;
}

void emit_mentor(RecordSink& out, const std::string& staff, const char* target_kind, const std::string& target,
                 const char* role) {
  out.emit({{"kind", "mentor"}, {"staff", staff}, {target_kind, target}, {"role", role}});
}

}  // namespace

void RecordSink::problem(const std::string& record, const std::string& field, const std::string& message,
                         bool whole_record) {
  json p{{"kind", "problem"}, {"record", record}, {"message", message}, {"dropped", whole_record ? "record" : "value"}};
  if (!field.empty()) p["field"] = field;
  out_.emit(p);
}

void map_location(const json& v, RecordSink& out) {
  const Text uuid = text(v, "uuid");
  if (!uuid) return;  // the reader refuses vestigingen without uuid before this
  const Text code = text(v, "afkorting");
  const Text name = text(v, "naam");
  json r{{"kind", "location"}, {"source_id", *uuid}, {"name", name ? *name : code ? *code : *uuid}};
  put(r, "code", code);
  out.emit(r);
}

void map_staff(const json& m, const std::string& vestiging, RosterState& state, RecordSink& out) {
  const Text uuid = text(m, "uuid");
  if (!uuid) {
    out.problem("medewerker without uuid", "uuid", "missing", true);
    return;
  }
  // Staff work at several vestigingen and appear in each list: one record per person.
  if (state.staff.contains(*uuid)) return;
  const std::string label = "medewerker " + *uuid;
  const Text family = text(m, "achternaam");
  if (!family) {
    out.problem(label, "achternaam", "missing or not released", true);
    return;
  }
  json r{{"kind", "staff"}, {"source_id", *uuid}, {"family_name", *family}};
  put(r, "given_name", text(m, "roepnaam"));
  put(r, "initials", text(m, "voorletters"));
  put(r, "family_name_prefix", text(m, "voorvoegsel"));
  put(r, "abbreviation", text(m, "afkorting"));
  put(r, "email", text(m, "emailadres"));
  const Text home = uuid_of(m, "hoofdvestiging");
  r["location"] = home && state.locations.contains(*home) ? *home : vestiging;
  out.emit(r);
  state.staff.insert(*uuid);
}

void map_group(const json& g, const std::string& vestiging, RosterState& state, RecordSink& out) {
  const Text uuid = text(g, "uuid");
  if (!uuid) {
    out.problem("stamgroep without uuid", "uuid", "missing", true);
    return;
  }
  if (state.group_levels.contains(*uuid)) return;
  const std::string label = "stamgroep " + *uuid;
  Text name = text(g, "naam");
  if (!name) name = text(g, "omschrijving");
  if (!name) {
    out.problem(label, "naam", "missing or not released", true);
    return;
  }
  json r{{"kind", "group"}, {"source_id", *uuid}, {"name", *name}, {"location", vestiging}};
  const auto year = school_year(g, label, out);
  if (year) r["year"] = *year;
  Text level;
  if (auto soort = text(g, "onderwijssoort")) level = level_from_onderwijssoort(*soort);
  put(r, "level", level);
  out.emit(r);
  state.group_levels[*uuid] = level;
  state.group_years[*uuid] = year;

  if (g.contains("mentoren") && g["mentoren"].is_array()) {
    for (const json& m : g["mentoren"]) {
      const Text staff = text(m, "medewerker_uuid");
      const Text how = text(m, "toewijzing");
      if (!staff || !how) continue;
      if (*how == "EersteMentorStamgroep") emit_mentor(out, *staff, "group", *uuid, "first");
      if (*how == "TweedeMentorStamgroep") emit_mentor(out, *staff, "group", *uuid, "second");
    }
  }
  // Membership as a fallback for students whose plaatsingen are not released.
  if (g.contains("leerlingen") && g["leerlingen"].is_array()) {
    for (const json& l : g["leerlingen"]) {
      if (const Text student = text(l, "uuid")) state.group_of_student.emplace(*student, *uuid);
    }
  }
}

void map_student(const json& l, const std::string& vestiging, RosterState& state, RecordSink& out) {
  const Text uuid = text(l, "uuid");
  const Text number = number_text(l, "leerlingnummer");
  const std::string label = "leerling " + (number ? *number : uuid ? *uuid : std::string("without uuid"));
  if (!uuid) {
    out.problem(label, "uuid", "missing", true);
    return;
  }
  if (state.students.contains(*uuid)) return;
  const Text family = text(l, "achternaam");
  if (!family) {
    out.problem(label, "achternaam", "missing or not released", true);
    return;
  }
  Text given = text(l, "roepnaam");
  if (!given) given = first_word(text(l, "voornamen"));
  if (!given) {
    out.problem(label, "roepnaam", "missing or not released", true);
    return;
  }
  json r{{"kind", "student"}, {"source_id", *uuid}, {"given_name", *given}, {"family_name", *family}};
  put(r, "student_number", number);
  put(r, "family_name_prefix", text(l, "voorvoegsel"));
  put(r, "birth_date", date_field(l, "geboortedatum", label, out));
  put(r, "email", text(l, "emailadres"));
  const Text location = uuid_of(l, "vestiging");
  r["location"] = location ? *location : vestiging;

  Text group;
  std::optional<int> year;
  Text level;
  if (const json* p = active_placement(l, state.today, label, out)) {
    group = uuid_of(*p, "stamgroep");
    year = school_year(*p, label, out);
    put(r, "active_from", text(*p, "startdatum"));
    put(r, "active_until", text(*p, "einddatum"));
    if (p->contains("stamgroep")) {
      if (auto soort = text((*p)["stamgroep"], "onderwijssoort")) level = level_from_onderwijssoort(*soort);
    }
    if (p->contains("mentoren") && (*p)["mentoren"].is_array()) {
      // All mentors are copied onto the plaatsing; only "Plaatsing" ones are personal mentors,
      // the stamgroep's own come with the group.
      for (const json& m : (*p)["mentoren"]) {
        const Text staff = text(m, "medewerker_uuid");
        if (staff && text(m, "toewijzing") == Text("Plaatsing")) emit_mentor(out, *staff, "student", *uuid, "first");
      }
    }
  }
  if (!group) {
    if (auto it = state.group_of_student.find(*uuid); it != state.group_of_student.end()) group = it->second;
  }
  if (group) {
    r["group"] = *group;
    if (!year && state.group_years.contains(*group)) year = state.group_years[*group];
    if (!level && state.group_levels.contains(*group)) level = state.group_levels[*group];
  }
  if (year) r["year"] = *year;
  put(r, "level", level);
  out.emit(r);
  state.students.insert(*uuid);

  if (l.contains("verzorgers") && l["verzorgers"].is_array()) {
    for (const json& v : l["verzorgers"]) {
      const Text guardian = text(v, "uuid");
      if (!guardian || !v.contains("volgnummer") || !v["volgnummer"].is_number_integer()) continue;
      const auto order = v["volgnummer"].get<long long>();
      if (order >= 1 && order <= 100) state.contact_order[*uuid + "|" + *guardian] = static_cast<int>(order);
    }
  }
}

void map_guardian(const json& o, RosterState& state, RecordSink& out) {
  const Text uuid = text(o, "uuid");
  if (!uuid) {
    out.problem("ouderVerzorger without uuid", "uuid", "missing", true);
    return;
  }
  // One parent per instelling: siblings (also at other vestigingen) share this record.
  if (state.guardians.contains(*uuid)) return;
  const std::string label = "ouderVerzorger " + *uuid;
  const Text family = text(o, "achternaam");
  if (!family) {
    out.problem(label, "achternaam", "missing or not released", true);
    return;
  }
  json students = json::array();
  bool organisation = false;
  auto link = [&](const std::string& student, const json* relation) {
    if (!state.students.contains(student)) return;  // a student this source did not emit
    json s{{"student", student}};
    if (relation != nullptr) {
      if (const Text soort = text(*relation, "relatiesoort")) {
        s["relation"] = *soort;
        // Guess: how Somtoday marks a guardian organisation is undocumented (see README).
        if (ascii_lower(*soort).find("instelling") != std::string::npos) organisation = true;
      }
      if (auto v = flag(*relation, "ouderlijk_gezag")) s["parental_authority"] = *v;
      if (auto v = flag(*relation, "mag_post_ontvangen")) s["may_receive_mail"] = *v;
    }
    if (auto it = state.contact_order.find(student + "|" + *uuid); it != state.contact_order.end()) {
      s["contact_order"] = it->second;
    }
    students.push_back(std::move(s));
  };
  if (o.contains("relatie_tot_leerlingen") && o["relatie_tot_leerlingen"].is_array()) {
    for (const json& rel : o["relatie_tot_leerlingen"]) {
      if (const Text student = text(rel, "uuid")) link(*student, &rel);
    }
  } else if (o.contains("leerlingen_van_vestiging") && o["leerlingen_van_vestiging"].is_array()) {
    for (const json& student : o["leerlingen_van_vestiging"]) {
      if (student.is_string()) link(student.get<std::string>(), nullptr);
    }
  }
  if (students.empty()) {
    out.problem(label, "relatie_tot_leerlingen", "linked to no student that this source reads", true);
    return;
  }
  json r{{"kind", "guardian"}, {"source_id", *uuid}, {"family_name", *family}, {"students", std::move(students)}};
  put(r, "initials", text(o, "voorletters"));
  put(r, "family_name_prefix", text(o, "voorvoegsel"));
  put(r, "email", text(o, "emailadres"));
  // A secret number stays in Somtoday; the mentor can look it up there.
  if (flag(o, "telefoonnummer_geheim") != std::optional<bool>(true)) put(r, "phone", text(o, "telefoonnummer"));
  if (organisation) r["is_organisation"] = true;
  // Only the household key leaves the plugin, also when the address is secret (adres_geheim):
  // it reveals nothing but "same address as".
  if (o.contains("adres") && o["adres"].is_object()) {
    const json& a = o["adres"];
    Text number = number_text(a, "huisnummer");  // a number in the spec's example
    if (!number) number = text(a, "huisnummer_zonder_toevoeging");
    const auto key = lobsync::sdk::household_key(text(a, "postcode").value_or(""), number.value_or(""),
                                                 text(a, "huisnummer_toevoeging").value_or(""));
    if (!key.empty()) r["household"] = key;
  }
  out.emit(r);
  state.guardians.insert(*uuid);
}

}  // namespace somtoday
