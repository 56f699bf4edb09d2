// The student's own reports in the dossier: each final version (signed by a parent, or
// records.final_after_days after it was written) is queued once per dossier sink as its own
// dossier entry, apart from the mentor's record: record id "<meeting id>:student", author
// "student", request idempotency_key "dossier:<meeting id>:student:v<n>" (outbox key that
// "@<sink>"), shaped as plugins/sdk/README.md "Dossier records" describes a student's report.
#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "domain/school.h"
#include "records/dossier_push.h"
#include "records/dossier_request.h"
#include "records/report_case.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lobsync::store {
class Store;
}

namespace lobsync::records {

// "<meeting id>:student"
std::string report_record_id(const std::string& meeting_id);

// The request for one version of the report (the latest unless named).
nlohmann::json report_dossier_request(const ReportCase& c, const store::StudentReportVersion& version,
                                      const domain::School& school, const Finality& final, const MeetingLabel& label);
inline nlohmann::json report_dossier_request(const ReportCase& c, const domain::School& school, const Finality& final,
                                             const MeetingLabel& label) {
  return report_dossier_request(c, c.latest(), school, final, label);
}

// Queues every report version not queued before that is final and either the latest or signed
// by a parent (a signature is never lost to a later edit); counts them into `report`.
void push_final_reports(store::Store& store, const config::Config& config, const domain::School& school,
                        const date::time_zone* zone, Instant now, bool dry_run, DossierReport& report);

}  // namespace lobsync::records
