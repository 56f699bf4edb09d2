// Where records go: the host's emitter, plus the plugin's own problem records (see
// plugins/sdk/roster-records.md, kind "problem") and a count per kind for the closing log line.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <map>
#include <string>

namespace magister {

class Output {
 public:
  explicit Output(lobsync::sdk::Emitter& out) : out_(out) {}

  void record(const nlohmann::json& doc) {
    out_.emit(doc);
    ++counts_[doc.at("kind").get<std::string>()];
  }

  // `record` names the source row without personal data ("file leerlingen.csv line 17",
  // "student 12345"); `field` is the column, empty when the whole row is at fault.
  void problem(const std::string& where, const std::string& field, const std::string& message, bool whole_record) {
    nlohmann::json doc{{"kind", "problem"}, {"record", where}, {"message", message},
                       {"dropped", whole_record ? "record" : "value"}};
    if (!field.empty()) doc["field"] = field;
    record(doc);
  }

  // A value that is kept although the source should be fixed (dropped "nothing").
  void notice(const std::string& where, const std::string& field, const std::string& message) {
    record({{"kind", "problem"}, {"record", where}, {"field", field}, {"message", message}, {"dropped", "nothing"}});
  }

  std::string summary() const {
    std::string text;
    for (const auto& [kind, n] : counts_) text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
    return text.empty() ? "nothing" : text;
  }

 private:
  lobsync::sdk::Emitter& out_;
  std::map<std::string, int> counts_;
};

}  // namespace magister
