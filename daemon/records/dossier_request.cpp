#include "records/dossier_request.h"

#include "core/iso_time.h"

namespace lobsync::records {
namespace {

using nlohmann::json;

std::string participant_name(const domain::Meeting& m, const std::string& role) {
  for (const auto& p : m.participants)
    if (p.role == role && !p.name.empty()) return p.name;
  return "";
}


std::string writer_name(const RecordCase& c, const domain::School& school) {
  if (const auto it = school.staff.find(c.record.mentor); it != school.staff.end()) {
    if (auto name = it->second.display_name(); !name.empty()) return name;
  }
  const auto name = participant_name(c.meeting, "mentor");
  return name.empty() ? c.record.mentor : name;
}

json sign_off_json(const RecordCase& c, const VersionSignOff& s) {
  json out = {{"signed", s.is_signed}};
  if (s.is_signed && s.at) {
    out["by"] = s.by;
    out["at"] = iso_utc(*s.at);
  }
  if (c.parents_may_see() && !s.parent_views.empty()) {
    std::string views;
    for (const auto& v : s.parent_views) views += (views.empty() ? "" : "\n\n") + v.text;
    out["parent_view"] = views;
  }
  return out;
}

// The record's content fields, with the defaults a sink needs when the mentor left one out.
json field(const json& body, const char* key, json fallback) {
  const auto it = body.find(key);
  return it == body.end() ? fallback : *it;
}

}  // namespace

json dossier_student(const std::string& key, const domain::Student* student, const domain::Meeting& m,
                     const domain::School& school) {
  json out = {{"key", key}};
  std::string name = participant_name(m, "student");
  if (student) {
    if (!student->student_number.empty()) out["student_number"] = student->student_number;
    if (const auto it = school.groups.find(student->group); it != school.groups.end() && !it->second.name.empty())
      out["class"] = it->second.name;
    if (const auto display = student->display_name(); !display.empty()) name = display;
  }
  out["name"] = name.empty() ? key : name;  // a leaver's record keeps its key
  return out;
}

json dossier_meeting(const domain::Meeting& m, const MeetingLabel& label, const std::string& mentor) {
  json meeting = {{"id", m.id}, {"type", m.type}, {"title", label.title}, {"start", iso_utc(m.start)}, {"end", iso_utc(m.end)}};
  if (!mentor.empty()) meeting["mentor"] = mentor;
  if (!label.career_phase.empty()) meeting["career_phase"] = label.career_phase;
  return meeting;
}

std::string dossier_idempotency_key(const std::string& record_id, int version) {
  return "dossier:" + record_id + ":v" + std::to_string(version);
}

json dossier_request(const RecordCase& c, const store::RecordVersion& latest, const domain::School& school,
                     const Finality& final, const MeetingLabel& label) {
  const auto& body = latest.body;
  const auto writer = writer_name(c, school);
  json record = {{"id", c.record.id},
                 {"version", latest.version},
                 {"previous_version", latest.version > 1 ? json(latest.version - 1) : json()},
                 {"student", dossier_student(c.record.student, c.student, c.meeting, school)},
                 {"meeting", dossier_meeting(c.meeting, label, writer)},
                 {"phases", field(body, "phases", json::object())},
                 {"competences", field(body, "competences", json::array())},
                 {"next_steps", field(body, "next_steps", json::array())},
                 {"attended", field(body, "attended", json::array())},
                 {"home_assignment_discussed", field(body, "home_assignment_discussed", false)},
                 {"sign_off", sign_off_json(c, c.signoff(latest.version))},
                 {"written_by", writer},
                 {"final_at", iso_utc(final.final_at)},
                 {"language", "nl"}};
  // Asked only in the conversations about the AanDeBak-garantie; absent elsewhere.
  if (const auto it = body.find("aandebak_discussed"); it != body.end() && it->is_boolean())
    record["aandebak_discussed"] = *it;
  return {{"idempotency_key", dossier_idempotency_key(c.record.id, latest.version)}, {"record", record}};
}

}  // namespace lobsync::records
