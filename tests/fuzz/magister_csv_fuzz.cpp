// The Magister plugin's roster mapping (plugins/magister: CsvTable, RosterBuilder and the value
// parsers) over its four tables, as the files mode reads them from a folder and the swp mode
// from GetActiveStudents, GetActiveEmpoyees and the two layouts. The input holds the files
// (fuzz_support.hpp split_files): leerlingen.csv, personeel.csv, ouders.csv, mentoren.csv; the
// options line may say "encoding=auto" or "encoding=windows-1252", and "swp" to name the
// tables as the webservice does. A table not in the input is read as switched off.
//
// Invariants: only lobsync::sdk::Error escapes (a table as a whole unusable); every emitted
// document is a roster record or problem the host can take; references point at records this
// read emitted: a guardian's students, a mentor's staff member and group or student, a
// student's group.
#include "fuzz_support.hpp"

#include "magister/roster_builder.hpp"

#include <array>
#include <functional>
#include <set>

namespace {

using magister::Table;

struct TableFile {
  Table table;
  const char* file;
  const char* swp_name;
};
constexpr std::array<TableFile, 4> kTables{{{Table::students, "leerlingen.csv", "GetActiveStudents"},
                                            {Table::staff, "personeel.csv", "GetActiveEmpoyees"},
                                            {Table::parents, "ouders.csv", "layout ouders"},
                                            {Table::mentors, "mentoren.csv", "layout mentoren"}}};

void check_references(const std::vector<nlohmann::json>& docs) {
  std::map<std::string, std::set<std::string>> emitted;  // kind -> source ids
  for (const auto& doc : docs) {
    fuzz::check_roster_document(doc);
    if (doc.contains("source_id")) emitted[doc["kind"].get<std::string>()].insert(doc["source_id"].get<std::string>());
  }
  const auto known = [&](const char* kind, const nlohmann::json& id) {
    return id.is_string() && emitted[kind].contains(id.get<std::string>());
  };
  for (const auto& doc : docs) {
    if (doc["kind"] == "guardian") {
      for (const auto& link : doc["students"]) fuzz::check_doc(known("student", link["student"]), "a guardian links emitted students", doc);
    } else if (doc["kind"] == "mentor") {
      fuzz::check_doc(known("staff", doc["staff"]), "a mentor is an emitted staff member", doc);
      if (doc.contains("group")) fuzz::check_doc(known("group", doc["group"]), "a mentor's group was emitted", doc);
      if (doc.contains("student")) fuzz::check_doc(known("student", doc["student"]), "a mentor's student was emitted", doc);
    } else if (doc["kind"] == "student" && doc.contains("group")) {
      fuzz::check_doc(known("group", doc["group"]), "a student's group was emitted", doc);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::Files files = fuzz::split_files(fuzz::as_text(data, size));
  const auto encoding = fuzz::has_option(files.options, "encoding=auto")           ? lobsync::sdk::SourceEncoding::automatic
                        : fuzz::has_option(files.options, "encoding=windows-1252") ? lobsync::sdk::SourceEncoding::windows_1252
                                                                                   : lobsync::sdk::SourceEncoding::utf8;
  const bool swp = fuzz::has_option(files.options, "swp");
  const magister::ColumnMap columns = magister::default_columns();

  fuzz::Collector collector;
  magister::Output out(collector.emitter());
  magister::RosterBuilder builder(out);
  const std::array<std::function<void(const magister::Row&)>, 4> each{
      [&](const magister::Row& row) { builder.student(row); }, [&](const magister::Row& row) { builder.staff(row); },
      [&](const magister::Row& row) { builder.parent(row); }, [&](const magister::Row& row) { builder.mentor(row); }};
  try {
    for (std::size_t i = 0; i < kTables.size(); ++i) {
      const auto file = files.files.find(kTables[i].file);
      if (file != files.files.end()) {
        const magister::Source source{swp ? kTables[i].swp_name : kTables[i].file, !swp, file->second};
        magister::CsvTable table(source, kTables[i].table, magister::columns_of(columns, kTables[i].table), encoding);
        const std::string used = table.read(out, each[i]);
        fuzz::check(used == "utf-8" || used == "utf-8 with BOM" || used == "windows-1252", "a table says how it was decoded", used);
      }
      if (kTables[i].table == Table::students) builder.students_done();
    }
    builder.finish();
  } catch (const lobsync::sdk::Error& e) {
    fuzz::check(std::string_view(e.what()).size() > 0, "an unusable table is explained");
    return 0;  // the plugin emits nothing more: the host discards the partial read
  }
  check_references(collector.documents());
  return 0;
}
