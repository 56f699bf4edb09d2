// `lobsync tokens issue` and `lobsync tokens revoke`: mentors' bearer tokens for the records API.
#include "cli/commands.h"

#include "cli/staff_lookup.h"
#include "core/log.h"
#include "store/school_model.h"
#include "records/api_token.h"
#include "store/store.h"

#include <iostream>

namespace lobsync::cli {

int cmd_tokens_issue(const CommonOptions& options, const std::string& mentor) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto key = staff_key_or_report(store::load_school(store->roster(), config->guardian_organisations), mentor);
    if (key.empty()) return kExitUsage;
    const auto token = records::new_api_token();
    store->records().add_api_token(records::api_token_hash(token), key, clock.now());
    store->audit("admin", "tokens.issue", "staff:" + key, nlohmann::json::object(), clock.now());
    // Printed once, here only: the store keeps the hash, so a lost token is revoked and reissued.
    if (options.json) std::cout << nlohmann::json{{"staff", key}, {"token", token}}.dump() << "\n";
    else std::cout << token << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("tokens issue failed: {}", e.what());
    return kExitFailure;
  }
}

int cmd_tokens_revoke(const CommonOptions& options, const std::string& mentor) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    // A staff key that left the roster can still be revoked by its key.
    auto key = staff_key_of(store::load_school(store->roster(), config->guardian_organisations), mentor);
    if (key.empty()) key = mentor;
    const auto revoked = store->records().revoke_api_tokens(key, clock.now());
    store->audit("admin", "tokens.revoke", "staff:" + key, {{"revoked", revoked}}, clock.now());
    if (options.json) std::cout << nlohmann::json{{"staff", key}, {"revoked", revoked}}.dump() << "\n";
    else std::cout << revoked << " token(s) revoked\n";
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("tokens revoke failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
