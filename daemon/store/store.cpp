#include "store/store.h"

#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

namespace lobsync::store {

const char* attendance_name(Attendance a) {
  switch (a) {
    case Attendance::held: return "held";
    case Attendance::no_show: return "no_show";
    case Attendance::family_cancelled: return "family_cancelled";
  }
  return "held";
}

std::unique_ptr<Store> open_store(const StoreSettings& settings, const Clock& clock) {
  if (settings.driver == "sqlite") {
    return std::make_unique<sqlite::SqliteStore>(settings.path, clock);
  }
  throw StoreError(fmt::format("cannot open store {}: unknown driver \"{}\" (this build supports: sqlite)",
                               settings.path.string(), settings.driver));
}

}  // namespace lobsync::store
