// Drives the dossier sink plugins through the real host (catalog scan, instance, calls): a
// sample dossier.push request, settings checks as `lobsync config check` runs them, and a host
// clock set to the real time, because the webhook receiver judges timestamps by its own clock.
// HTTP waits between retries are recorded, not slept.
#pragma once

#include "support/test_env.h"

#include "config/config.h"
#include "net/http_client.h"
#include "plugin_host/instance.h"
#include "plugin_host/settings_check.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace lobsync::dossier_test {

using nlohmann::json;
using plugin_host::CallResult;
using plugin_host::PluginInstance;

struct Outcome {
  CallResult result;
  std::vector<json> docs;

  std::string dump() const {
    std::string out = std::string(plugin_host::status_name(result.status)) + " " + result.error + "\n";
    for (const auto& d : docs) out += d.dump() + "\n";
    return out;
  }
};

// A final record of a conversation with parents, as the host queues it.
inline json sample_record(const std::string& id = "r-7f3a", int version = 1) {
  json record = {
      {"id", id},
      {"version", version},
      {"student", {{"key", "src:123"}, {"student_number", "12345"}, {"name", "Sam de Vries"}, {"class", "2H1"}}},
      {"meeting",
       {{"id", "m-91"},
        {"type", "parents"},
        {"title", "Loopbaangesprek met ouders"},
        {"start", "2027-01-11T14:30:00Z"},
        {"end", "2027-01-11T15:00:00Z"},
        {"mentor", "J. Mentor"},
        {"career_phase", "verkennen"}}},
      {"phases",
       {{"look_back", "Snuffelstage bij de bakker."},
        {"reflect", "Vroeg opstaan ging goed.\nKlantcontact vond Sam spannend."},
        {"look_forward", "Profiel E&M of N&T?"},
        {"act", "Open dag mbo bezoeken."}}},
      {"competences", {"reflection_on_motives", "reflection_on_qualities", "work_exploration", "career_steering",
                       "networking", "dealing_with_expectations"}},
      {"next_steps",
       {{{"what", "Open dag bezoeken"}, {"owner", "student"}, {"due", "2027-02-01"}},
        {{"what", "Meegaan naar de open dag"}, {"owner", "parent"}}}},
      {"attended", {"student", "parent", "mentor"}},
      {"home_assignment_discussed", true},
      {"sign_off", {{"signed", true}, {"by", "parent"}, {"at", "2027-01-12T19:05:00Z"}, {"parent_view", "Eens."}}},
      {"written_by", "J. Mentor"},
      {"final_at", "2027-01-11T16:10:00Z"},
      {"language", "nl"}};
  if (version > 1) record["previous_version"] = version - 1;
  return record;
}

// A student's own report of the same conversation, as the host queues it (author "student").
inline json sample_student_report(int version = 1) {
  json record = sample_record("m-91:student", version);
  for (const char* mentor_part :
       {"phases", "competences", "next_steps", "attended", "home_assignment_discussed", "aandebak_discussed"})
    record.erase(mentor_part);
  record["author"] = "student";
  record["reflection"] = "Op de open dag merkte ik dat ik <graag> met mensen werk.";
  record["activities"] = {"Open dag ROC", "Meeloopdag zorg"};
  record["sign_off"] = {{"signed", true}, {"by", "parent"}, {"at", "2027-01-12T19:05:00Z"}};
  record["written_by"] = "Sam de Vries";
  return record;
}

inline json push_request(const json& record) {
  return {{"idempotency_key", "dossier:" + record["id"].get<std::string>() + ":v" +
                                  std::to_string(record["version"].get<int>())},
          {"record", record}};
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class DossierTest : public ::testing::Test {
 protected:
  DossierTest()
      : clock_(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())),
        http_({}, [this](std::chrono::milliseconds wait) {
          std::lock_guard lock(waits_mutex_);
          waits_.push_back(wait);
        }),
        services_(clock_, http_),
        catalog_(plugin_host::PluginCatalog::scan({test::plugin_dir()})) {}

  // Null when create fails; `error` then says why.
  std::unique_ptr<PluginInstance> try_make(const std::string& plugin, const json& settings, std::string& error) {
    const auto* loaded = catalog_.find(plugin);
    if (loaded == nullptr) throw std::runtime_error("plugin " + plugin + " not loaded");
    return PluginInstance::create(*loaded, plugin + "-test", settings, services_, error);
  }

  std::unique_ptr<PluginInstance> make(const std::string& plugin, const json& settings) {
    std::string error;
    auto instance = try_make(plugin, settings, error);
    if (!instance) throw std::runtime_error("create failed: " + error);
    return instance;
  }

  static Outcome call(PluginInstance& instance, const json& request, const std::string& operation = "dossier.push") {
    Outcome out;
    out.result = instance.call(operation, request, [&](std::string_view doc) {
      out.docs.push_back(json::parse(doc));
      return true;
    });
    return out;
  }

  // The problems `lobsync config check` reports for one instance named "dossier".
  std::vector<config::Problem> check(const std::string& plugin, const json& settings) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "dossier";
    instance.plugin = plugin;
    instance.settings = settings;
    config.plugins = {instance};
    return plugin_host::check_plugin_settings(config, catalog_);
  }

  static bool has(const std::vector<config::Problem>& problems, const std::string& path, const std::string& text) {
    for (const auto& p : problems) {
      if (p.path == path && contains(p.message, text)) return true;
    }
    return false;
  }

  static std::string dump(const std::vector<config::Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.path + ": " + p.message + "\n";
    return out;
  }

  std::vector<std::chrono::milliseconds> waits() {
    std::lock_guard lock(waits_mutex_);
    return waits_;
  }

  ManualClock clock_;
  std::mutex waits_mutex_;
  std::vector<std::chrono::milliseconds> waits_;
  net::HttpClient http_;
  plugin_host::HostServices services_;
  plugin_host::PluginCatalog catalog_;
};

}  // namespace lobsync::dossier_test
