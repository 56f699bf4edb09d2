// Queues final conversation record versions for the school's dossier sinks (config
// records.dossier_sinks): each version not queued before that is the latest and final (signed,
// or past meeting end + records.final_after_days), or an earlier one that was signed before it
// was superseded (records/signoff_rules.h, due_for_dossier), one dossier.push per sink with outbox
// key "dossier:<id>:v<n>@<sink>" and request idempotency_key "dossier:<id>:v<n>", checked with
// the SDK's check_push_request first, and the version marked queued, in one transaction. An
// edit (a new version) is pushed when it is final in turn; a version is never queued twice.
#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "domain/school.h"
#include "records/dossier_request.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace lobsync::store {
class Store;
}

namespace lobsync::records {

struct DossierVersion {
  std::string record;
  int version = 0;
  std::string reason;  // "signed" or "deadline"
};

struct DossierReport {
  int queued = 0;   // versions queued now (dry run: that would be)
  int waiting = 0;  // latest versions not final yet
  int rejected = 0;  // final versions whose request failed the check (logged, not queued)
  std::vector<DossierVersion> versions;  // the queued ones
};

DossierReport push_final_records(store::Store& store, const config::Config& config, Instant now, bool dry_run);

// The meeting as a dossier entry names it: its Dutch title and career phase.
MeetingLabel dossier_label(const config::Config& config, const domain::School& school, const domain::Meeting& meeting);

// The versions of a dossier subject (a record, a student's report) queued before.
std::set<int> queued_versions(store::Store& store, const std::string& subject);

// {"queued": n, "waiting": n, "rejected": n, "versions": [{"record", "version", "reason"}]}
nlohmann::json to_json(const DossierReport& report);
// One line for people and the job log.
std::string summary(const DossierReport& report);

}  // namespace lobsync::records
