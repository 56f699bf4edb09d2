// The OneRoster plugin's mapping of a CSV bulk export (plugins/oneroster: manifest, tables and
// the readers of orgs, classes, roles, demographics, enrollments and users) over files in
// memory. The input holds several files (fuzz_support.hpp split_files):
//
//   encoding=auto version=auto grades=us middle=ignore     (options; each word optional)
//   @@@ manifest.csv
//   propertyName,value
//   ...
//   @@@ users.csv
//   ...
//
// Invariants: only lobsync::sdk::Error escapes (the export as a whole is unusable), and its
// message is never empty; every emitted document is a roster record or problem the host can
// take (fuzz::check_roster_document); guardians link only students this read emitted.
#include "fuzz_support.hpp"

#include "oneroster/reader.h"

#include <set>

namespace {

fuzz::Files* current_files = nullptr;

class MemoryBundle final : public oneroster::Bundle {
 public:
  explicit MemoryBundle(const fuzz::Files& files) : files_(files) {}
  std::optional<std::string> read(const std::string& name) override {
    const auto it = files_.files.find(name);
    if (it == files_.files.end()) return std::nullopt;
    return it->second;
  }

 private:
  const fuzz::Files& files_;
};

oneroster::Settings settings_from(std::string_view options) {
  oneroster::Settings s;
  s.path = "export";
  s.encoding = fuzz::has_option(options, "encoding=auto")           ? lobsync::sdk::SourceEncoding::automatic
               : fuzz::has_option(options, "encoding=windows-1252") ? lobsync::sdk::SourceEncoding::windows_1252
                                                                    : lobsync::sdk::SourceEncoding::utf8;
  if (fuzz::has_option(options, "version=1.1")) s.version = "1.1";
  if (fuzz::has_option(options, "version=1.2")) s.version = "1.2";
  if (fuzz::has_option(options, "grades=us")) s.grade_years = *oneroster::grade_preset("us");
  if (fuzz::has_option(options, "grades=leerjaar")) s.grade_years = *oneroster::grade_preset("leerjaar");
  s.middle_name_is_prefix = !fuzz::has_option(options, "middle=ignore");
  return s;
}

}  // namespace

// The reader opens its export by path; here the path leads to the fuzzer's files.
std::unique_ptr<oneroster::Bundle> oneroster::open_bundle(const std::filesystem::path&) {
  return std::make_unique<MemoryBundle>(*current_files);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Files files = fuzz::split_files(fuzz::as_text(data, size));
  current_files = &files;
  const oneroster::Settings settings = settings_from(files.options);
  fuzz::QuietHost host;
  fuzz::Collector out;
  try {
    oneroster::Reader(settings, out.emitter(), host.host()).run();
  } catch (const lobsync::sdk::Error& e) {
    fuzz::check(std::string_view(e.what()).size() > 0, "an unusable export is explained");
  }
  current_files = nullptr;

  std::set<std::string> students;
  for (const auto& doc : out.documents()) {
    fuzz::check_roster_document(doc);
    if (doc["kind"] == "student") students.insert(doc["source_id"].get<std::string>());
  }
  for (const auto& doc : out.documents()) {
    if (doc["kind"] != "guardian") continue;
    for (const auto& link : doc["students"]) {
      fuzz::check_doc(students.contains(link["student"].get<std::string>()), "a guardian links only emitted students", doc);
    }
  }
  return 0;
}
