// One Magister CSV table (a file or an SWP answer) read through the SDK's decoder and CSV
// reader, with the guards every table gets: empty or header-only input, a wrong delimiter,
// missing or misspelled columns and a truncated last line fail the read; a repeated header row
// or a row with too few fields becomes a problem record and is skipped.
#pragma once

#include "columns.hpp"
#include "output.hpp"

#include <lobsync/csv.hpp>
#include <lobsync/text_encoding.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace magister {

struct Source {
  std::string name;  // "leerlingen.csv" or "GetActiveStudents", for messages
  bool is_file = false;
  std::string bytes;
};

// One data row, read by logical field name (see columns.hpp).
struct Row {
  const std::vector<std::string>& fields;
  const std::map<std::string, std::size_t, std::less<>>& index;  // field -> position
  const FieldColumns& columns;
  std::string where;  // "file leerlingen.csv line 17": names the row without personal data

  // The trimmed value; "" when the field is switched off, its column is absent or it is empty.
  std::string get(std::string_view field) const;
  // Whether the field's column is in this table at all.
  bool has(std::string_view field) const { return index.find(field) != index.end(); }
  // The column a field reads, for problem records.
  std::string column(std::string_view field) const;
};

class CsvTable {
 public:
  CsvTable(const Source& source, Table table, const FieldColumns& columns, lobsync::sdk::SourceEncoding encoding)
      : source_(source), table_(table), columns_(columns), encoding_(encoding) {}

  // Calls `each` for every data row; reports skipped rows to `out`. Returns the encoding used.
  // Throws Error(LOBSYNC_E_INVALID_ARGUMENT) when the table as a whole cannot be used.
  std::string read(Output& out, const std::function<void(const Row&)>& each);

  // Columns of optional fields that were not found (for a log line).
  const std::vector<std::string>& absent_optional() const { return absent_optional_; }

 private:
  [[noreturn]] void fail(const std::string& message) const;
  void check_delimiter(std::string_view text) const;
  void map_header(const lobsync::sdk::CsvHeader& header);

  const Source& source_;
  Table table_;
  const FieldColumns& columns_;
  lobsync::sdk::SourceEncoding encoding_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::vector<std::string> absent_optional_;
};

}  // namespace magister
