// The host's check of every roster record a plugin sends (daemon/sync/record_validator.cpp):
// validate_record on the JSON text of one record, as it crosses the plugin boundary.
//
// Invariants: it never throws; a kept record has a known kind, an identity, and only the fields
// plugins/sdk/roster-records.md lists for its kind (data minimisation); no kept string holds a
// control character (names and ids go into mail headers and calendar lines); kept values obey
// their rules (e-mail addresses pass check_address, years 1-6, known levels, real dates);
// references name values the record keeps; problems name a record and say what was dropped.
#include "fuzz_support.hpp"

#include "messaging/address.h"
#include "sync/record_validator.h"

#include <lobsync/dates.hpp>

#include <algorithm>
#include <set>

namespace {

using nlohmann::json;

const std::map<std::string, std::set<std::string>> kFields = {
    {"location", {"kind", "source_id", "name", "code"}},
    {"student", {"kind", "source_id", "student_number", "given_name", "family_name_prefix", "family_name", "birth_date",
                 "email", "phone", "location", "group", "year", "level", "language", "active_from", "active_until"}},
    {"guardian", {"kind", "source_id", "given_name", "initials", "family_name_prefix", "family_name", "is_organisation",
                  "email", "phone", "language", "household", "students"}},
    {"staff", {"kind", "source_id", "given_name", "initials", "family_name_prefix", "family_name", "abbreviation", "email",
               "location"}},
    {"group", {"kind", "source_id", "name", "year", "level", "location"}},
    {"mentor", {"kind", "staff", "group", "student", "role"}},
};
const std::set<std::string> kLinkFields = {"student", "relation", "parental_authority", "may_receive_mail", "contact_order"};
const std::set<std::string> kLevels = {"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl", "havo", "vwo", "isk", "pro", "other"};

bool has_control_character(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// Every string anywhere in `value`, keys included; `record` is shown when one fails.
void check_strings(const json& value, const json& record) {
  if (value.is_string()) {
    fuzz::check_doc(!has_control_character(value.get<std::string>()), "no kept string holds a control character", record);
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      fuzz::check_doc(!has_control_character(key), "no kept key holds a control character", record);
      check_strings(item, record);
    }
  } else if (value.is_array()) {
    for (const auto& item : value) check_strings(item, record);
  }
}

void check_kept(const lobsync::sync::ValidatedRecord& r) {
  const json& p = r.payload;
  const auto fields = kFields.find(r.kind);
  fuzz::check_doc(fields != kFields.end(), "a kept record has a known kind", p);
  fuzz::check_doc(p.is_object() && p.value("kind", "") == r.kind, "a kept payload says its kind", p);
  for (const auto& [key, _] : p.items()) fuzz::check_doc(fields->second.contains(key), "a kept payload has only listed fields", p);
  check_strings(p, p);
  fuzz::check(!r.source_id.empty() && !has_control_character(r.source_id), "a kept record has a clean identity", r.source_id);
  if (r.kind != "mentor") fuzz::check_doc(p.value("source_id", "") == r.source_id && r.source_id.size() <= 200, "the payload carries the id", p);

  for (const char* date : {"birth_date", "active_from", "active_until"}) {
    if (!p.contains(date)) continue;
    const std::string value = p[date].get<std::string>();
    fuzz::check_doc(lobsync::sdk::parse_iso_date(value).has_value(), "a kept date is real", p);
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) fuzz::check_doc(value[i] >= '0' && value[i] <= '9', "a kept date is YYYY-MM-DD in digits", p);
  }
  if (p.contains("email")) {
    fuzz::check_doc(lobsync::messaging::check_address(p["email"].get<std::string>()).valid, "a kept address can be mailed", p);
  }
  if (p.contains("year")) fuzz::check_doc(p["year"].is_number_integer() && p["year"] >= 1 && p["year"] <= 6, "a kept year is 1-6", p);
  if (p.contains("level")) fuzz::check_doc(kLevels.contains(p["level"].get<std::string>()), "a kept level is known", p);
  if (r.kind == "guardian") {
    fuzz::check_doc(p["students"].is_array() && !p["students"].empty(), "a kept guardian links a student", p);
    for (const auto& link : p["students"]) {
      for (const auto& [key, _] : link.items()) fuzz::check_doc(kLinkFields.contains(key), "a kept link has only listed fields", p);
      fuzz::check_doc(link["student"].is_string() && !link["student"].get<std::string>().empty(), "a kept link names a student", p);
      if (link.contains("contact_order")) fuzz::check_doc(link["contact_order"] >= 1, "a contact order is 1 or more", p);
    }
  }
  if (r.kind == "mentor") {
    fuzz::check_doc(p["role"] == "first" || p["role"] == "second", "a kept mentor role is first or second", p);
    fuzz::check_doc(p.contains("group") != p.contains("student"), "a kept mentor names a group or a student", p);
  }
  for (const auto& ref : r.references) {
    fuzz::check_doc(!ref.source_id.empty() && kFields.contains(ref.kind), "a reference names a kind and an id", p);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto result = lobsync::sync::validate_record(fuzz::as_text(data, size));
  for (const auto& problem : result.problems) {
    fuzz::check(!problem.record.empty() && !problem.message.empty(), "a problem names a record and says what is wrong");
    fuzz::check(problem.dropped == "record" || problem.dropped == "value", "a problem says what was dropped", problem.dropped);
  }
  if (result.record) check_kept(*result.record);
  return 0;
}
