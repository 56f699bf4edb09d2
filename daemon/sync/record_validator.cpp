#include "sync/record_validator.h"

#include "domain/policy.h"
#include "messaging/address.h"
#include "messaging/name_text.h"

#include <lobsync/dates.hpp>

#include <algorithm>
#include <array>

namespace lobsync::sync {
namespace {

using nlohmann::json;


// Names and ids flow into e-mail headers and calendar lines later: no control characters.
bool has_control_character(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// Collects problems for one record and copies accepted fields into the payload.
class Checker {
 public:
  Checker(const json& in, std::string kind, std::string label, std::vector<Problem>& problems)
      : in_(in), kind_(std::move(kind)), label_(std::move(label)), problems_(problems) {}

  json payload = json::object();
  bool dropped = false;

  void problem(const std::string& field, const std::string& message, bool whole_record) {
    problems_.push_back({label_, field, message, whole_record ? "record" : "value"});
    if (whole_record) dropped = true;
  }

  // Something the administrator should fix in the source, though the value is kept.
  void notice(const std::string& field, const std::string& message) { problems_.push_back({label_, field, message, "nothing"}); }

  // A name people will read: as text(), then cleaned of the characters that would change how the
  // text around it reads (messaging/name_text.h), with a notice so the export can be fixed.
  std::optional<std::string> name(const char* field, bool required, std::size_t max_length = 200) {
    auto value = text(field, required, max_length);
    if (!value || !messaging::name_needs_cleaning(*value)) return value;
    *value = messaging::clean_name(*value);
    if (value->empty()) {
      payload.erase(field);
      problem(field, "holds only invisible characters", required);
      return std::nullopt;
    }
    payload[field] = *value;
    notice(field, "held invisible characters that change the direction of text; they were removed");
    return value;
  }

  // A string field; empty strings count as absent. Returns the value when kept.
  std::optional<std::string> text(const char* field, bool required, std::size_t max_length = 200) {
    if (!in_.contains(field) || in_[field].is_null() || (in_[field].is_string() && in_[field].get<std::string>().empty())) {
      if (required) problem(field, "missing", true);
      return std::nullopt;
    }
    if (!in_[field].is_string()) {
      problem(field, "must be a string", required);
      return std::nullopt;
    }
    auto value = in_[field].get<std::string>();
    if (value.size() > max_length) {
      problem(field, "longer than " + std::to_string(max_length) + " characters", required);
      return std::nullopt;
    }
    if (has_control_character(value)) {
      problem(field, "contains control characters", required);
      return std::nullopt;
    }
    payload[field] = value;
    return value;
  }

  void date(const char* field) {
    auto value = text(field, false, 10);
    if (!value) return;
    if (!sdk::parse_iso_date(*value)) {
      payload.erase(field);
      problem(field, "not a date YYYY-MM-DD", false);
    }
  }

  void integer(const char* field, int min, int max) {
    if (!in_.contains(field) || in_[field].is_null()) return;
    if (!in_[field].is_number_integer() || in_[field].get<long long>() < min || in_[field].get<long long>() > max) {
      problem(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max), false);
      return;
    }
    payload[field] = in_[field].get<int>();
  }

  void boolean(const char* field) {
    if (!in_.contains(field) || in_[field].is_null()) return;
    if (!in_[field].is_boolean()) {
      problem(field, "must be true or false", false);
      return;
    }
    payload[field] = in_[field].get<bool>();
  }

  // The same rule as sending (messaging/address.h): an address kept here can be mailed. A bad one
  // is dropped with a problem, and the person is reached another way (the mentor's call list).
  void email(const char* field) {
    auto value = text(field, false, 254);
    if (!value) return;
    if (const auto check = messaging::check_address(*value); !check.valid) {
      payload.erase(field);
      problem(field, "not a usable e-mail address: " + check.problem, false);
    }
  }

  void level(const char* field) {
    auto value = text(field, false, 20);
    if (value && !domain::known_level(*value)) {
      payload.erase(field);
      problem(field, "unknown level (use vmbo-bb, vmbo-kb, vmbo-gl, vmbo-tl, havo, vwo, isk, pro, other)", false);
    }
  }

  void language(const char* field) {
    auto value = text(field, false, 35);
    if (!value) return;
    const bool ok = value->size() >= 2 && std::all_of(value->begin(), value->end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                    });
    if (!ok) {
      payload.erase(field);
      problem(field, "not a language tag such as nl, en or ar", false);
    }
  }

 private:
  const json& in_;
  std::string kind_;
  std::string label_;
  std::vector<Problem>& problems_;
};

void add_reference(ValidatedRecord& r, const json& payload, const char* field, const char* target_kind) {
  if (payload.contains(field)) r.references.push_back({target_kind, payload[field].get<std::string>(), field});
}

void check_guardian_links(const json& in, Checker& c, ValidatedRecord& r) {
  if (!in.contains("students") || !in["students"].is_array() || in["students"].empty()) {
    c.problem("students", "a guardian needs at least one linked student", true);
    return;
  }
  json links = json::array();
  for (const auto& link : in["students"]) {
    if (!link.is_object() || !link.contains("student") || !link["student"].is_string() ||
        link["student"].get<std::string>().empty() || link["student"].get<std::string>().size() > 200 ||
        has_control_character(link["student"].get<std::string>())) {
      c.problem("students", "a link without a usable student id was left out", false);
      continue;
    }
    json kept{{"student", link["student"]}};
    // The relation is shown to mentors ("moeder", "voogd"): the rules of a short name.
    if (link.contains("relation") && link["relation"].is_string()) {
      const auto relation = link["relation"].get<std::string>();
      if (relation.size() <= 50 && !has_control_character(relation)) {
        kept["relation"] = relation;
      } else {
        c.problem("students", "a relation longer than 50 characters or with control characters was left out", false);
      }
    }
    for (const char* flag : {"parental_authority", "may_receive_mail"}) {
      if (link.contains(flag) && link[flag].is_boolean()) kept[flag] = link[flag];
    }
    // Compared as the full number: as an int, 2^32 + 1 passed as 1 and -2^32 + 1 as 1.
    if (link.contains("contact_order") && link["contact_order"].is_number_integer() &&
        link["contact_order"].get<long long>() >= 1 && link["contact_order"].get<long long>() <= 1000) {
      kept["contact_order"] = link["contact_order"].get<int>();
    }
    r.references.push_back({"student", link["student"].get<std::string>(), "students"});
    links.push_back(std::move(kept));
  }
  if (links.empty()) c.problem("students", "no usable student links", true);
  c.payload["students"] = std::move(links);
}

}  // namespace

json to_json(const Problem& p) {
  return {{"record", p.record}, {"field", p.field}, {"message", p.message}, {"dropped", p.dropped}};
}

std::string report_name(std::string_view kind) {
  if (kind == "staff") return "staff";
  return std::string(kind) + "s";
}

ValidationResult validate_record(std::string_view json_text) {
  ValidationResult result;
  const auto in = json::parse(json_text, nullptr, false);
  if (in.is_discarded() || !in.is_object()) {
    result.problems.push_back({"(unreadable record)", "", "the plugin sent a document that is not a JSON object", "record"});
    return result;
  }
  const std::string kind = in.contains("kind") && in["kind"].is_string() ? in["kind"].get<std::string>() : "";
  if (kind == "problem") {
    // The plugin's own report of input it could not map.
    auto field = [&](const char* name) { return in.contains(name) && in[name].is_string() ? in[name].get<std::string>() : ""; };
    const auto dropped = field("dropped");
    // A report that names nothing still reaches the administrator, saying so rather than nothing.
    auto record = field("record"), message = field("message");
    if (record.empty()) record = "(record not named by the plugin)";
    if (message.empty()) message = "the plugin reported a problem without saying what";
    result.problems.push_back({record, field("field"), message, dropped == "value" || dropped == "nothing" ? dropped : "record"});
    return result;
  }
  static constexpr std::array kKinds{"location", "student", "guardian", "staff", "group", "mentor"};
  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
    result.problems.push_back({"(record)", "kind", "unknown kind '" + kind + "'", "record"});
    return result;
  }

  std::string id;
  if (kind != "mentor") {
    if (in.contains("source_id") && in["source_id"].is_string()) id = in["source_id"].get<std::string>();
    if (id.empty() || id.size() > 200) {
      result.problems.push_back({kind, "source_id", "missing or invalid source_id", "record"});
      return result;
    }
    // The id goes where names go (reports, mail headers, links), so the same rule as for names.
    if (has_control_character(id)) {
      result.problems.push_back({kind, "source_id", "source_id contains control characters", "record"});
      return result;
    }
  }
  Checker c(in, kind, kind + " " + id, result.problems);
  ValidatedRecord r;
  r.kind = kind;
  r.source_id = id;

  if (kind == "location") {
    c.name("name", true);
    c.text("code", false, 50);
  } else if (kind == "student") {
    c.text("student_number", false, 50);
    c.name("given_name", true);
    c.name("family_name_prefix", false, 50);
    c.name("family_name", true);
    c.date("birth_date");
    c.email("email");
    c.text("phone", false, 40);
    c.text("location", false);
    c.text("group", false);
    c.integer("year", 1, 6);
    c.level("level");
    c.language("language");
    c.date("active_from");
    c.date("active_until");
    add_reference(r, c.payload, "location", "location");
    add_reference(r, c.payload, "group", "group");
  } else if (kind == "guardian") {
    c.name("given_name", false);
    c.name("initials", false, 30);
    c.name("family_name_prefix", false, 50);
    c.name("family_name", true);
    c.boolean("is_organisation");
    c.email("email");
    c.text("phone", false, 40);
    c.language("language");
    c.text("household", false, 100);
    check_guardian_links(in, c, r);
  } else if (kind == "staff") {
    c.name("given_name", false);
    c.name("initials", false, 30);
    c.name("family_name_prefix", false, 50);
    c.name("family_name", true);
    c.text("abbreviation", false, 20);
    c.email("email");
    c.text("location", false);
    add_reference(r, c.payload, "location", "location");
  } else if (kind == "group") {
    c.name("name", true, 100);
    c.integer("year", 1, 6);
    c.level("level");
    c.text("location", false);
    add_reference(r, c.payload, "location", "location");
  } else {  // mentor: identified by what it links
    const auto staff = c.text("staff", true);
    const auto group = c.text("group", false);
    const auto student = c.text("student", false);
    auto role = c.text("role", false, 10).value_or("first");
    if (role != "first" && role != "second") {
      c.problem("role", "must be first or second", false);
      role = "first";
    }
    c.payload["role"] = role;
    if (group.has_value() == student.has_value()) c.problem("group", "a mentor assignment names either a group or a student", true);
    if (!c.dropped) {
      r.source_id = "mentor:" + *staff + ":" + (group ? "group:" + *group : "student:" + *student) + ":" + role;
      r.references.push_back({"staff", *staff, "staff"});
      if (group) r.references.push_back({"group", *group, "group"});
      if (student) r.references.push_back({"student", *student, "student"});
    }
  }
  if (c.dropped) return result;
  c.payload["kind"] = kind;
  if (kind != "mentor") c.payload["source_id"] = id;
  r.payload = std::move(c.payload);
  result.record = std::move(r);
  return result;
}

}  // namespace lobsync::sync
