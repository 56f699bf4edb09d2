#include "records/report_dossier.h"

#include "core/iso_time.h"
#include "core/log.h"
#include "records/dossier_request.h"
#include "store/store.h"

#include <lobsync/dossier_record.hpp>

namespace lobsync::records {
namespace {

using nlohmann::json;

std::string mentor_name(const domain::Meeting& m, const domain::School& school) {
  if (const auto it = school.staff.find(m.mentor); it != school.staff.end()) {
    if (auto name = it->second.display_name(); !name.empty()) return name;
  }
  for (const auto& p : m.participants)
    if (p.role == "mentor" && !p.name.empty()) return p.name;
  return "";
}

json sign_off_json(const VersionSignOff& s) {
  json out = {{"signed", s.is_signed}};
  if (s.is_signed && s.at) {
    out["by"] = s.by;
    out["at"] = iso_utc(*s.at);
  }
  return out;
}

}  // namespace

std::string report_record_id(const std::string& meeting_id) { return meeting_id + ":student"; }

json report_dossier_request(const ReportCase& c, const store::StudentReportVersion& latest, const domain::School& school,
                            const Finality& final, const MeetingLabel& label) {
  const auto id = report_record_id(c.report.meeting);
  const auto student = dossier_student(c.report.student, c.student, c.meeting, school);
  json record = {{"id", id},
                 {"author", "student"},
                 {"version", latest.version},
                 {"previous_version", latest.version > 1 ? json(latest.version - 1) : json()},
                 {"student", student},
                 {"meeting", dossier_meeting(c.meeting, label, mentor_name(c.meeting, school))},
                 {"reflection", latest.reflection},
                 {"activities", latest.activities},
                 {"sign_off", sign_off_json(c.signoff(latest.version))},
                 {"written_by", student["name"]},
                 {"written_at", iso_utc(latest.created_at)},
                 {"final_at", iso_utc(final.final_at)},
                 {"language", "nl"}};
  return {{"idempotency_key", dossier_idempotency_key(id, latest.version)}, {"record", record}};
}

void push_final_reports(store::Store& store, const config::Config& config, const domain::School& school,
                        const date::time_zone* zone, Instant now, bool dry_run, DossierReport& report) {
  const auto& sinks = config.records.dossier_sinks;
  for (auto& stored : store.student_reports().all_student_reports()) {
    const auto c = load_report_case(store, std::move(stored), school, zone);
    if (!c) continue;
    const auto queued = queued_versions(store, c->subject());
    for (const auto& v : c->report.versions) {
      if (queued.contains(v.version)) continue;
      const bool latest = v.version == c->latest().version;
      const auto final = report_finality(c->signoff(v.version), v.created_at, config.records.final_after_days, now);
      if (!due_for_dossier(latest, final)) {
        if (latest) ++report.waiting;
        continue;
      }
      if (sinks.empty()) continue;
      const auto label = dossier_label(config, school, c->meeting);
      const auto request = report_dossier_request(*c, v, school, *final, label);
      try {
        sdk::dossier::check_push_request(request);
      } catch (const std::exception& e) {
        // The message names a field (a JSON pointer), never its content.
        log::error("dossier: student report of meeting {} version {} not queued: {}", c->meeting.id, v.version, e.what());
        ++report.rejected;
        continue;
      }
      const auto key = request["idempotency_key"].get<std::string>();
      std::vector<store::OutboxEntry> items;
      for (const auto& sink : sinks) items.push_back({key + "@" + sink, sink, "dossier.push", request});
      if (!dry_run) {
        if (!store.signoffs().queue_for_dossier({c->subject(), v.version, final->reason, sinks, now}, items)) continue;
        store.audit("system", "dossier.queue", c->subject(),
                    {{"version", v.version}, {"reason", final->reason}, {"sinks", sinks}}, now);
      }
      ++report.queued;
      report.versions.push_back({report_record_id(c->report.meeting), v.version, final->reason});
    }
  }
}

}  // namespace lobsync::records
