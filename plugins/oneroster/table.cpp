#include "table.h"

#include "bundle.h"

namespace oneroster {

using lobsync::sdk::CsvHeader;
using lobsync::sdk::CsvReader;
using lobsync::sdk::CsvRow;
using lobsync::sdk::Error;

std::optional<Table> Table::open(Bundle& bundle, const std::string& name, lobsync::sdk::SourceEncoding encoding,
                                 const std::vector<std::string>& required, lobsync::sdk::Emitter& out) {
  auto bytes = bundle.read(name);
  if (!bytes) return std::nullopt;
  auto text = lobsync::sdk::decode_text(*bytes, encoding, name).utf8;
  CsvReader reader(text, ',', name);
  CsvRow first;
  if (!reader.next(first)) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, name + ": the file is empty; expected a header line");
  }
  CsvHeader header(first, name);
  header.require(required, name);
  return Table(name, std::move(text), std::move(header), out);
}

// The reader views text_, which moves with the Table: the constructor rebuilds it over the
// member on the first next(), and Table is only moved before that (std::optional construction).
Table::Table(std::string name, std::string text, CsvHeader header, lobsync::sdk::Emitter& out)
    : name_(std::move(name)), text_(std::move(text)), header_(std::move(header)), reader_("", ',', name_), out_(&out) {}

void Table::rewind(bool report) {
  report_ = report;
  reader_ = CsvReader(text_, ',', name_);
  CsvRow skipped;
  reader_.next(skipped);  // the header
  rows_read_ = 0;
  started_ = true;
}

bool Table::next() {
  if (!started_) rewind();
  while (reader_.next(row_)) {
    const std::size_t width = header_.names().size();
    if (header_.same_as(row_)) continue;  // exports concatenated with their headers
    if (row_.fields.size() < width) {
      problem("", "row has " + std::to_string(row_.fields.size()) + " fields, the header has " +
                      std::to_string(width), true);
      continue;
    }
    bool extra = false;
    for (std::size_t i = width; i < row_.fields.size(); ++i) extra = extra || !row_.fields[i].empty();
    if (extra) {
      problem("", "row has " + std::to_string(row_.fields.size()) + " fields, the header has " +
                      std::to_string(width), true);
      continue;
    }
    ++rows_read_;
    // A bulk file is the whole truth: a row marked for deletion there is a contradiction.
    if (lobsync::sdk::detail::ascii_lower(get("status")) == "tobedeleted") {
      problem("status", "status is tobedeleted in a bulk file; left out", true);
      continue;
    }
    return true;
  }
  return false;
}

std::string Table::get(const std::string& column) const {
  const auto i = header_.index(column);
  if (!i || *i >= row_.fields.size()) return {};
  return std::string(lobsync::sdk::detail::trim(row_.fields[*i]));
}

std::string Table::where() const { return name_ + " line " + std::to_string(row_.line); }

void Table::problem(const std::string& field, const std::string& message, bool whole_record) const {
  if (!report_) return;
  nlohmann::json doc = {{"kind", "problem"}, {"record", where()}, {"message", message},
                        {"dropped", whole_record ? "record" : "value"}};
  if (!field.empty()) doc["field"] = field;
  out_->emit(doc);
}

}  // namespace oneroster
