// The school as the planner and the pages see it (domain::School), built from the synced roster
// in the store; and a cache of it that is rebuilt only when the roster changed.
#pragma once

#include "domain/guardian_organisations.h"
#include "domain/school.h"
#include "store/roster_store.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace lobsync::store {

// `organisations`: the school's list (config school.guardian_organisations).
domain::School load_school(RosterStore& roster, const domain::GuardianOrganisations& organisations);

// "<source>:<source_id>": the key a roster record has in the domain.
std::string roster_key(const std::string& source, const std::string& source_id);

// The school for a request or a job: the model built last, while the roster's revision is still
// the one it was built from. A page of the daemon then costs one small query instead of reading
// and converting every roster record. Thread-safe; the model handed out never changes.
class SchoolCache {
 public:
  // The list is the running config's: a reload makes a new cache with its Services.
  std::shared_ptr<const domain::School> get(RosterStore& roster, const domain::GuardianOrganisations& organisations);

 private:
  std::mutex mutex_;
  std::int64_t revision_ = -1;
  std::shared_ptr<const domain::School> school_;
};

}  // namespace lobsync::store
