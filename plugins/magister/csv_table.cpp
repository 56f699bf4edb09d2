#include "csv_table.hpp"

namespace magister {
namespace {

using lobsync::sdk::Error;

std::string delimiter_name(char d) { return d == '\t' ? "tabs" : std::string("'") + d + "'"; }

}  // namespace

std::string Row::get(std::string_view field) const {
  auto at = index.find(field);
  if (at == index.end() || at->second >= fields.size()) return {};
  return std::string(lobsync::sdk::detail::trim(fields[at->second]));
}

std::string Row::column(std::string_view field) const {
  auto at = columns.find(field);
  return at != columns.end() && at->second ? *at->second : std::string(field);
}

void CsvTable::fail(const std::string& message) const { throw Error(LOBSYNC_E_INVALID_ARGUMENT, message); }

void CsvTable::check_delimiter(std::string_view text) const {
  const std::string_view first_line = text.substr(0, text.find_first_of("\r\n"));
  const char found = lobsync::sdk::guess_delimiter(first_line);
  if (found != '\0' && found != ';') {
    fail(source_.name + ": line 1: the columns are separated by " + delimiter_name(found) +
         ", but Magister CSV uses ';'; export again with ';' as the separator");
  }
}

void CsvTable::map_header(const lobsync::sdk::CsvHeader& header) {
  std::vector<std::string> required;
  for (const auto& field : default_fields(table_)) {
    const auto& column = columns_.at(std::string(field.name));
    if (!column) continue;  // switched off in the settings
    if (auto position = header.index(*column)) {
      index_.emplace(std::string(field.name), *position);
    } else if (field.need == Need::optional) {
      absent_optional_.push_back(*column);
    } else {
      required.push_back(*column);
    }
  }
  // One message for every missing column, with "did you mean" for likely typos.
  header.require(required, source_.name);
}

std::string CsvTable::read(Output& out, const std::function<void(const Row&)>& each) {
  const auto decoded = lobsync::sdk::decode_text(source_.bytes, encoding_, source_.name);
  const std::string& text = decoded.utf8;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) fail(source_.name + " has no data rows (it is empty)");
  check_delimiter(text);

  lobsync::sdk::CsvReader reader(text, ';', source_.name);
  lobsync::sdk::CsvRow header_row;
  reader.next(header_row);
  const lobsync::sdk::CsvHeader header(header_row, source_.name);
  map_header(header);

  const std::string prefix = (source_.is_file ? "file " : "") + source_.name + " line ";
  const bool ends_with_newline = text.back() == '\n' || text.back() == '\r';
  std::size_t data_rows = 0;
  lobsync::sdk::CsvRow row, next;
  bool have = reader.next(row);
  while (have) {
    const bool has_next = reader.next(next);
    const std::string where = prefix + std::to_string(row.line);
    if (header.same_as(row)) {
      // Exports glued together repeat their header; the rows after it are still good.
      out.problem(where, "", "repeated header row skipped", true);
    } else if (row.fields.size() < header.names().size()) {
      // A short last row without a line end is a cut-off transfer, not one bad row.
      if (!has_next && !ends_with_newline) {
        fail(source_.name + ": line " + std::to_string(row.line) + ": the last line is incomplete (" +
             std::to_string(row.fields.size()) + " of " + std::to_string(header.names().size()) +
             " fields, no line end); the file looks truncated");
      }
      out.problem(where, "", "row has " + std::to_string(row.fields.size()) + " fields, the header has " +
                                 std::to_string(header.names().size()), true);
    } else {
      ++data_rows;
      each(Row{row.fields, index_, columns_, where});
    }
    std::swap(row, next);
    have = has_next;
  }
  if (data_rows == 0) fail(source_.name + " has no data rows (only a header)");
  return decoded.detected;
}

}  // namespace magister
