#include "store/store.h"

#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

namespace lobsync::store {

std::unique_ptr<Store> open_store(const StoreSettings& settings, const Clock& clock) {
  if (settings.driver == "sqlite") {
    return std::make_unique<sqlite::SqliteStore>(settings.path, clock);
  }
  throw StoreError(fmt::format("cannot open store {}: unknown driver \"{}\" (this build supports: sqlite)",
                               settings.path.string(), settings.driver));
}

}  // namespace lobsync::store
