// One OneRoster CSV file: decoded, header checked, rows handed out with the checks every file
// shares (row width, repeated header rows, status=tobedeleted in a bulk file), and per-row
// problems emitted as roster "problem" records that name the file and line, never a person.
#pragma once

#include <lobsync/csv.hpp>
#include <lobsync/text_encoding.hpp>

#include <optional>
#include <string>
#include <vector>

namespace oneroster {

class Bundle;

class Table {
 public:
  // Reads and decodes `name`; nullopt when the bundle has no such file. Throws Error when the
  // file is empty (no header), undecodable, or lacks one of `required` columns (all are listed,
  // with typo suggestions: OneRoster requires every column in the header).
  static std::optional<Table> open(Bundle& bundle, const std::string& name, lobsync::sdk::SourceEncoding encoding,
                                   const std::vector<std::string>& required, lobsync::sdk::Emitter& out);

  // Advances to the next usable data row. Rows that cannot be used whole are reported as
  // problems and skipped.
  bool next();
  // Starts again after the header. A second pass passes report=false so that row problems
  // are not reported twice.
  void rewind(bool report = true);

  // The current row's value of a column (trimmed); "" when the column is absent.
  std::string get(const std::string& column) const;
  bool has_column(const std::string& column) const { return header_.index(column).has_value(); }

  // "users.csv line 17": identifies a row without personal data.
  std::string where() const;
  const std::string& name() const { return name_; }
  std::size_t rows_read() const { return rows_read_; }

  // Emits a problem record for the current row.
  void problem(const std::string& field, const std::string& message, bool whole_record) const;

 private:
  Table(std::string name, std::string text, lobsync::sdk::CsvHeader header, lobsync::sdk::Emitter& out);

  std::string name_;
  std::string text_;
  lobsync::sdk::CsvHeader header_;
  lobsync::sdk::CsvReader reader_;
  lobsync::sdk::CsvRow row_;
  lobsync::sdk::Emitter* out_;
  std::size_t rows_read_ = 0;
  bool started_ = false;
  bool report_ = true;
};

}  // namespace oneroster
