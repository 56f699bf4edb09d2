#include "records/dossier_push.h"

#include "core/log.h"
#include "core/time_zone.h"
#include "domain/career_phase.h"
#include "messaging/translations.h"
#include "planning/conversation_title.h"
#include "store/school_model.h"
#include "records/dossier_request.h"
#include "records/record_case.h"
#include "records/report_dossier.h"
#include "store/store.h"

#include <date/tz.h>
#include <fmt/format.h>
#include <lobsync/dossier_record.hpp>

namespace lobsync::records {
namespace {

// The outbox items of one version, one per sink; nullopt when the request fails the SDK's check.
std::optional<std::vector<store::OutboxEntry>> push_items(const RecordCase& c, int version, const nlohmann::json& request,
                                                          const std::vector<std::string>& sinks) {
  try {
    sdk::dossier::check_push_request(request);
  } catch (const std::exception& e) {
    // The message names a field (a JSON pointer), never its content.
    log::error("dossier: record {} version {} not queued: {}", c.record.id, version, e.what());
    return std::nullopt;
  }
  std::vector<store::OutboxEntry> items;
  const auto key = dossier_idempotency_key(c.record.id, version);
  for (const auto& sink : sinks) items.push_back({key + "@" + sink, sink, "dossier.push", request});
  return items;
}

}  // namespace

DossierReport push_final_records(store::Store& store, const config::Config& config, Instant now, bool dry_run) {
  DossierReport report;
  const auto& sinks = config.records.dossier_sinks;
  if (sinks.empty()) log::info("dossier: no dossier sinks configured (records.dossier_sinks); nothing is queued");
  const auto school = store::load_school(store.roster(), config.guardian_organisations);
  const auto* zone = find_time_zone(config.timezone);
  for (auto& record : store.records().all_records()) {
    const auto c = load_case(store, std::move(record), school, zone);
    if (!c) continue;
    const auto queued = queued_versions(store, c->record.id);
    for (const auto& v : c->record.versions) {
      if (queued.contains(v.version)) continue;
      const bool latest = v.version == c->latest().version;
      const auto final = finality(c->signoff(v.version), c->meeting.end, config.records.final_after_days, now);
      if (!due_for_dossier(latest, final)) {
        if (latest) ++report.waiting;
        continue;
      }
      if (sinks.empty()) continue;
      const auto label = dossier_label(config, school, c->meeting);
      const auto request = dossier_request(*c, v, school, *final, label);
      const auto items = push_items(*c, v.version, request, sinks);
      if (!items) {
        ++report.rejected;
        continue;
      }
      if (!dry_run) {
        const store::DossierQueued entry{c->record.id, v.version, final->reason, sinks, now};
        if (!store.signoffs().queue_for_dossier(entry, *items)) continue;  // another run was quicker
        store.audit("system", "dossier.queue", "record:" + c->record.id,
                    {{"version", v.version}, {"reason", final->reason}, {"sinks", sinks}}, now);
      }
      ++report.queued;
      report.versions.push_back({c->record.id, v.version, final->reason});
    }
  }
  push_final_reports(store, config, school, zone, now, dry_run, report);
  return report;
}

MeetingLabel dossier_label(const config::Config& config, const domain::School& school, const domain::Meeting& meeting) {
  return {planning::conversation_title(messaging::shipped_translations(), "nl", config.planning, meeting),
          domain::career_phase_of(school, config.planning, meeting)};
}

std::set<int> queued_versions(store::Store& store, const std::string& subject) {
  std::set<int> out;
  for (const auto& q : store.signoffs().dossier_queued(subject)) out.insert(q.version);
  return out;
}

nlohmann::json to_json(const DossierReport& report) {
  auto versions = nlohmann::json::array();
  for (const auto& v : report.versions)
    versions.push_back({{"record", v.record}, {"version", v.version}, {"reason", v.reason}});
  return {{"queued", report.queued}, {"waiting", report.waiting}, {"rejected", report.rejected}, {"versions", versions}};
}

std::string summary(const DossierReport& report) {
  return fmt::format("dossier: {} version(s) queued, {} waiting until final, {} rejected", report.queued, report.waiting,
                     report.rejected);
}

}  // namespace lobsync::records
