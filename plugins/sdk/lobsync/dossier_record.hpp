// The `dossier.push` request (see plugins/sdk/README.md): checks shared by every dossier sink,
// so each one refuses a malformed record the same way, with the JSON path of the first bad
// field, before anything is written or sent.
#pragma once

#include <lobsync/dates.hpp>
#include <lobsync/plugin_sdk.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::sdk::dossier {

// The four phases of a career conversation, in the order they are held.
inline constexpr std::array<std::string_view, 4> kPhases{"look_back", "reflect", "look_forward", "act"};
// The six career competences (loopbaancompetenties) a record may name.
inline constexpr std::array<std::string_view, 6> kCompetences{
    "reflection_on_motives", "reflection_on_qualities", "work_exploration",
    "career_steering",       "networking",              "dealing_with_expectations"};
// The career phases of the school years (seed 004): the meeting's optional `career_phase`.
inline constexpr std::array<std::string_view, 4> kCareerPhases{"orienteren", "verkennen", "verdiepen", "beslissen"};
// Who can attend, own a next step or sign.
inline constexpr std::array<std::string_view, 3> kRoles{"student", "parent", "mentor"};

// What every sink needs from a checked request; `record` points into the request.
struct PushRequest {
  std::string idempotency_key;
  std::string record_id;
  std::int64_t version = 0;
  std::string student_number;  // may be empty: not every source has one
  std::string student_key;
  bool by_student = false;  // record.author "student": the student's own report
  const nlohmann::json* record = nullptr;
};

// The key the host gives a record version: "dossier:<record id>:v<version>".
inline std::string idempotency_key_for(std::string_view record_id, std::int64_t version) {
  return "dossier:" + std::string(record_id) + ":v" + std::to_string(version);
}

// The instant, when `text` is exactly YYYY-MM-DDTHH:MM:SSZ (UTC, as the host stores instants).
inline std::optional<std::chrono::sys_seconds> parse_utc_instant(std::string_view text) {
  if (text.size() != 20) return std::nullopt;  // no fraction: records carry whole seconds
  return sdk::parse_utc_instant(text);
}

namespace detail {

[[noreturn]] inline void bad(const std::string& path, const std::string& problem) {
  throw Error(LOBSYNC_E_INVALID_ARGUMENT, "dossier.push: " + path + ": " + problem);
}

template <std::size_t N>
bool is_one_of(const nlohmann::json& value, const std::array<std::string_view, N>& allowed) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  for (auto a : allowed) {
    if (text == a) return true;
  }
  return false;
}

template <std::size_t N>
std::string list(const std::array<std::string_view, N>& allowed) {
  std::string out;
  for (auto a : allowed) out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

inline const nlohmann::json& object(const nlohmann::json& parent, const std::string& path, const char* key) {
  const std::string at = path + "/" + key;
  if (!parent.contains(key)) bad(at, "missing");
  if (!parent[key].is_object()) bad(at, "must be an object");
  return parent[key];
}

// A string member; `required` also refuses an empty one.
inline std::string text(const nlohmann::json& parent, const std::string& path, const char* key, bool required) {
  const std::string at = path + "/" + key;
  if (!parent.contains(key) || parent[key].is_null()) {
    if (required) bad(at, "missing");
    return {};
  }
  if (!parent[key].is_string()) bad(at, "must be a string");
  auto value = parent[key].get<std::string>();
  if (required && value.empty()) bad(at, "must not be empty");
  return value;
}

inline std::chrono::sys_seconds instant(const nlohmann::json& parent, const std::string& path, const char* key) {
  const auto value = text(parent, path, key, true);
  const auto parsed = parse_utc_instant(value);
  if (!parsed) bad(path + "/" + key, "must be a UTC instant YYYY-MM-DDTHH:MM:SSZ");
  return *parsed;
}

inline std::int64_t positive(const nlohmann::json& parent, const std::string& path, const char* key) {
  const std::string at = path + "/" + key;
  if (!parent.contains(key)) bad(at, "missing");
  const auto& v = parent[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < 1) bad(at, "must be a whole number from 1");
  return v.get<std::int64_t>();
}

inline bool boolean(const nlohmann::json& parent, const std::string& path, const char* key) {
  const std::string at = path + "/" + key;
  if (!parent.contains(key)) bad(at, "missing");
  if (!parent[key].is_boolean()) bad(at, "must be true or false");
  return parent[key].get<bool>();
}

// An array of distinct members of `allowed`.
template <std::size_t N>
void choices(const nlohmann::json& parent, const std::string& path, const char* key,
             const std::array<std::string_view, N>& allowed) {
  const std::string at = path + "/" + key;
  if (!parent.contains(key)) bad(at, "missing");
  const auto& items = parent[key];
  if (!items.is_array()) bad(at, "must be an array");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item = at + "/" + std::to_string(i);
    if (!is_one_of(items[i], allowed)) bad(item, "must be one of " + list(allowed));
    for (std::size_t j = 0; j < i; ++j) {
      if (items[j] == items[i]) bad(item, "repeats " + items[i].get<std::string>());
    }
  }
}

inline void check_student(const nlohmann::json& record, PushRequest& out) {
  const auto& student = object(record, "/record", "student");
  out.student_key = text(student, "/record/student", "key", true);
  out.student_number = text(student, "/record/student", "student_number", false);
  text(student, "/record/student", "name", true);
  text(student, "/record/student", "class", false);
}

inline void check_meeting(const nlohmann::json& record) {
  const std::string path = "/record/meeting";
  const auto& meeting = object(record, "/record", "meeting");
  for (const char* key : {"id", "type", "title"}) text(meeting, path, key, true);
  text(meeting, path, "mentor", false);
  if (meeting.contains("career_phase") && !is_one_of(meeting["career_phase"], kCareerPhases))
    bad(path + "/career_phase", "must be one of " + list(kCareerPhases));
  if (instant(meeting, path, "end") <= instant(meeting, path, "start")) bad(path + "/end", "must be after start");
}

inline void check_phases(const nlohmann::json& record) {
  const auto& phases = object(record, "/record", "phases");
  for (auto phase : kPhases) text(phases, "/record/phases", std::string(phase).c_str(), false);
  for (const auto& [key, value] : phases.items()) {
    if (!is_one_of(nlohmann::json(key), kPhases)) bad("/record/phases/" + key, "unknown phase (known: " + list(kPhases) + ")");
  }
}

inline void check_next_steps(const nlohmann::json& record) {
  if (!record.contains("next_steps")) bad("/record/next_steps", "missing");
  const auto& steps = record["next_steps"];
  if (!steps.is_array()) bad("/record/next_steps", "must be an array");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string path = "/record/next_steps/" + std::to_string(i);
    if (!steps[i].is_object()) bad(path, "must be an object");
    text(steps[i], path, "what", true);
    if (!steps[i].contains("owner") || !is_one_of(steps[i]["owner"], kRoles)) {
      bad(path + "/owner", "must be one of " + list(kRoles));
    }
    const auto due = text(steps[i], path, "due", false);
    if (!due.empty() && !parse_iso_date(due)) bad(path + "/due", "must be a date YYYY-MM-DD");
  }
}

// sign_off is optional: a record can be final before anyone signed it (or without a parent).
inline void check_sign_off(const nlohmann::json& record) {
  if (!record.contains("sign_off") || record["sign_off"].is_null()) return;
  const std::string path = "/record/sign_off";
  const auto& sign_off = object(record, "/record", "sign_off");
  if (boolean(sign_off, path, "signed")) {
    if (!sign_off.contains("by") || !is_one_of(sign_off["by"], std::array<std::string_view, 2>{"parent", "student"})) {
      bad(path + "/by", "must be parent or student");
    }
    instant(sign_off, path, "at");
  }
  text(sign_off, path, "parent_view", false);
}

// A student's own report (author "student"): their reflection and this phase's activities in
// place of the mentor's phases, competences, next steps and attendance.
inline void check_student_report(const nlohmann::json& record) {
  text(record, "/record", "reflection", true);
  if (!record.contains("activities")) bad("/record/activities", "missing");
  const auto& activities = record["activities"];
  if (!activities.is_array()) bad("/record/activities", "must be an array");
  for (std::size_t i = 0; i < activities.size(); ++i) {
    const std::string path = "/record/activities/" + std::to_string(i);
    if (!activities[i].is_string() || activities[i].get_ref<const std::string&>().empty()) bad(path, "must be a non-empty string");
  }
}

inline void check_language(const nlohmann::json& record) {
  const auto language = text(record, "/record", "language", false);
  // A BCP 47 tag as far as HTML's lang attribute needs: letters, digits and hyphens.
  const bool ok = language.empty() ||
                  (language.size() <= 35 && language.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
                                                std::string::npos && language.front() != '-');
  if (!ok) bad("/record/language", "must be a language tag such as nl or en");
}

}  // namespace detail

// Checks a dossier.push request; throws Error(LOBSYNC_E_INVALID_ARGUMENT) whose message names
// the first bad field as a JSON pointer ("/record/meeting/start: ..."). Unknown members of the
// record are allowed (and passed on), so a newer host can add fields without breaking sinks.
inline PushRequest check_push_request(const nlohmann::json& request) {
  using namespace detail;
  if (!request.is_object()) bad("", "the request must be a JSON object");
  PushRequest out;
  out.idempotency_key = text(request, "", "idempotency_key", true);
  const auto& record = object(request, "", "record");
  out.record = &record;
  out.record_id = text(record, "/record", "id", true);
  // The id travels in file names and in an HTTP header.
  for (const char c : out.record_id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) bad("/record/id", "must not contain control characters");
  }
  out.version = positive(record, "/record", "version");
  if (record.contains("previous_version") && !record["previous_version"].is_null()) {
    const auto previous = positive(record, "/record", "previous_version");
    if (previous >= out.version) bad("/record/previous_version", "must be lower than version");
  }
  if (out.idempotency_key != idempotency_key_for(out.record_id, out.version)) {
    bad("/idempotency_key", "must be dossier:<record id>:v<version> of this record");
  }
  check_student(record, out);
  check_meeting(record);
  const auto author = text(record, "/record", "author", false);
  if (!author.empty() && author != "mentor" && author != "student") bad("/record/author", "must be mentor or student");
  out.by_student = author == "student";
  if (out.by_student) {
    check_student_report(record);
  } else {
    check_phases(record);
    choices(record, "/record", "competences", kCompetences);
    check_next_steps(record);
    choices(record, "/record", "attended", kRoles);
    boolean(record, "/record", "home_assignment_discussed");
    // Only for the conversation types that ask about it (the profile and study choices).
    if (record.contains("aandebak_discussed")) boolean(record, "/record", "aandebak_discussed");
  }
  check_sign_off(record);
  text(record, "/record", "written_by", true);
  instant(record, "/record", "final_at");
  check_language(record);
  return out;
}

}  // namespace lobsync::sdk::dossier
