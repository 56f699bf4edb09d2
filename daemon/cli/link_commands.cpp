// `lobsync links rotate-key`, `lobsync links feed`, `lobsync links record` and `lobsync links student`.
#include "cli/commands.h"

#include "assignments/assignment_links.h"
#include "cli/staff_lookup.h"
#include "core/log.h"
#include "records/student_link.h"
#include "links/key_ring.h"
#include "store/school_model.h"
#include "selfservice/feed_handler.h"
#include "store/store.h"

#include <iostream>

namespace lobsync::cli {

int cmd_links_rotate_key(const CommonOptions& options) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto key = links::rotate_key(store->link_keys(), clock.now());
    store->audit("admin", "links.rotate-key", "link-key:" + std::to_string(key.id), nlohmann::json::object(), clock.now());
    if (options.json) std::cout << nlohmann::json{{"key_id", key.id}}.dump() << "\n";
    else std::cout << "link key " << key.id << " added: new links use it; older links keep working until they expire\n";
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("links rotate-key failed: {}", e.what());
    return kExitFailure;
  }
}

namespace {

// Mentors' links need the address they reach lobsync at; says so when it is missing.
bool has_public_url(const config::Config& config, const CommonOptions& options) {
  if (!config.http.public_url.empty()) return true;
  std::cerr << "http.public_url is not set in " << options.config_path.string()
            << ": set it to the address mentors reach lobsync at (see config/README.md)\n";
  return false;
}

}  // namespace

int cmd_links_feed(const CommonOptions& options, const std::string& mentor) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!has_public_url(*config, options)) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto key = staff_key_or_report(store::load_school(store->roster(), config->guardian_organisations), mentor);
    if (key.empty()) return kExitUsage;
    const auto url = selfservice::feed_url(*config, store->link_keys(), key, clock.now());
    if (options.json) std::cout << nlohmann::json{{"staff", key}, {"url", url}}.dump() << "\n";
    else std::cout << url << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("links feed failed: {}", e.what());
    return kExitFailure;
  }
}

int cmd_links_record(const CommonOptions& options, const std::string& meeting_id) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!has_public_url(*config, options)) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto meeting = store->meetings().meeting(meeting_id);
    if (!meeting) {
      std::cerr << "no meeting with id " << meeting_id << " (see lobsync plan --verbose)\n";
      return kExitUsage;
    }
    const auto key = links::current_key(store->link_keys(), clock.now());
    const auto url = assignments::record_form_link(config->http.public_url, key, *meeting);
    if (options.json) std::cout << nlohmann::json{{"meeting", meeting->id}, {"url", url}}.dump() << "\n";
    else std::cout << url << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("links record failed: {}", e.what());
    return kExitFailure;
  }
}

// For a student without an e-mail address (the digest cannot send it), handed over by the mentor.
int cmd_links_student(const CommonOptions& options, const std::string& student) {
  auto config = load_or_report(options);
  if (!config) return kExitUsage;
  if (!has_public_url(*config, options)) return kExitUsage;
  SystemClock clock;
  try {
    auto store = store::open_store(config->store, clock);
    const auto school = store::load_school(store->roster(), config->guardian_organisations);
    const auto* found = school.find_student(student);
    if (!found) {
      std::cerr << "no student '" << student << "' (a key as `lobsync coverage --json` shows it, or a "
                << "student number that belongs to one student)\n";
      return kExitUsage;
    }
    const auto expires = clock.now() + records::kStudentLinkValidity;
    const auto url = records::student_link(config->http.public_url, links::current_key(store->link_keys(), clock.now()),
                                           found->key, expires);
    store->audit("admin", "links.student", "student:" + found->key, nlohmann::json::object(), clock.now());
    if (options.json) std::cout << nlohmann::json{{"student", found->key}, {"url", url}}.dump() << "\n";
    else std::cout << url << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    log::error("links student failed: {}", e.what());
    return kExitFailure;
  }
}

}  // namespace lobsync::cli
