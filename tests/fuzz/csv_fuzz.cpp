// The SDK's reading of SIS export files: decode_text (UTF-8 with or without BOM, Windows-1252,
// automatic detection) and then CsvReader and CsvHeader over the text.
//
// Input: the first byte picks the encoding (byte % 3: auto, utf-8, windows-1252) and the
// delimiter (byte / 3 % 4: ';', ',', tab, or guessed from the first line); the rest is the file.
//
// Invariants: decoded text is valid UTF-8; UTF-8 decodes to itself; Windows-1252 text encodes
// back to the same bytes; automatic mode picks UTF-8 exactly when the bytes are valid UTF-8;
// every row read, written out again as CSV, reads back to the same fields; a header finds each
// of its own columns where it is; only lobsync::sdk::Error is ever thrown.
#include "fuzz_support.hpp"

#include <lobsync/csv.hpp>
#include <lobsync/text_encoding.hpp>

namespace {

using lobsync::sdk::CsvHeader;
using lobsync::sdk::CsvReader;
using lobsync::sdk::CsvRow;
using lobsync::sdk::Error;
using lobsync::sdk::SourceEncoding;

// The code point at `i` of valid UTF-8 text, advancing `i`.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[k])); };
  const std::uint32_t c = b(i);
  if (c < 0x80) return i += 1, c;
  if (c < 0xE0) return i += 2, ((c & 0x1F) << 6) | (b(i - 1) & 0x3F);
  if (c < 0xF0) return i += 3, ((c & 0x0F) << 12) | ((b(i - 2) & 0x3F) << 6) | (b(i - 1) & 0x3F);
  return i += 4, ((c & 0x07) << 18) | ((b(i - 3) & 0x3F) << 12) | ((b(i - 2) & 0x3F) << 6) | (b(i - 1) & 0x3F);
}

// UTF-8 back to Windows-1252; a code point the code page lacks is an invariant failure.
std::string to_windows_1252(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::uint32_t cp = next_code_point(utf8, i);
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
      continue;
    }
    bool found = false;
    for (std::size_t k = 0; k < 32 && !found; ++k) {
      if (lobsync::sdk::detail::kCp1252High[k] != 0 && lobsync::sdk::detail::kCp1252High[k] == cp) {
        out += static_cast<char>(0x80 + k);
        found = true;
      }
    }
    fuzz::check(found, "Windows-1252 decoding produced a code point outside the code page");
  }
  return out;
}

std::string quoted_row(const std::vector<std::string>& fields, char delimiter) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += delimiter;
    line += '"';
    for (char c : fields[i]) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line + "\r\n";
}

std::optional<lobsync::sdk::DecodedText> decode(std::string_view bytes, SourceEncoding encoding) {
  try {
    return lobsync::sdk::decode_text(bytes, encoding, "fuzz.csv");
  } catch (const Error& e) {
    fuzz::check(std::string_view(e.what()).starts_with("fuzz.csv"), "a decoding error names the file", e.what());
    return std::nullopt;
  }
}

void check_decoding(std::string_view bytes, SourceEncoding encoding, const lobsync::sdk::DecodedText& decoded) {
  fuzz::check(fuzz::valid_utf8(decoded.utf8), "decoded text is valid UTF-8");
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  const std::string_view body = bom ? bytes.substr(3) : bytes;
  if (decoded.detected == "windows-1252") {
    fuzz::check(encoding != SourceEncoding::utf8 && !bom, "Windows-1252 is used only when allowed and unmarked");
    fuzz::check(encoding == SourceEncoding::windows_1252 || !fuzz::valid_utf8(body), "auto picks Windows-1252 only for invalid UTF-8");
    fuzz::check(to_windows_1252(decoded.utf8) == body, "Windows-1252 text encodes back to its bytes");
  } else {
    fuzz::check(decoded.detected == (bom ? "utf-8 with BOM" : "utf-8"), "the detected name matches the mark");
    fuzz::check(encoding != SourceEncoding::windows_1252, "utf-8 is not reported for a Windows-1252 read");
    fuzz::check(decoded.utf8 == body, "UTF-8 decodes to itself without its mark");
  }
}

struct Rows {
  std::vector<CsvRow> rows;  // those read before an error
  bool complete = true;      // no error
};

Rows read_rows(std::string_view text, char delimiter) {
  Rows out;
  CsvReader reader(text, delimiter, "fuzz.csv");
  try {
    CsvRow row;
    std::size_t last_line = 0;
    while (reader.next(row)) {
      fuzz::check(row.line > last_line, "rows start on increasing lines");
      fuzz::check(!row.fields.empty(), "a row has at least one field");
      last_line = row.line;
      out.rows.push_back(row);
    }
  } catch (const Error& e) {
    fuzz::check(std::string_view(e.what()).starts_with("fuzz.csv: line "), "a CSV error names file and line", e.what());
    out.complete = false;
  }
  return out;
}

void check_header(const CsvRow& first) {
  try {
    const CsvHeader header(first, "fuzz.csv");
    const auto& names = header.names();
    fuzz::check(names.size() == first.fields.size(), "a header keeps every column");
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) continue;
      fuzz::check(header.index(names[i]) == i, "a header finds its own column where it is");
    }
    fuzz::check(header.same_as(first), "a header row repeats itself");
    try {
      header.require({"sourcedId", "givenName", "stamnr"}, "fuzz.csv");
    } catch (const Error& e) {
      fuzz::check(std::string_view(e.what()).find("missing required column") != std::string_view::npos,
                  "require() fails only for missing columns", e.what());
    }
  } catch (const Error& e) {
    fuzz::check(std::string_view(e.what()).find("duplicate column") != std::string_view::npos,
                "a header fails only for a duplicate column", e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr SourceEncoding kEncodings[] = {SourceEncoding::automatic, SourceEncoding::utf8, SourceEncoding::windows_1252};
  const SourceEncoding encoding = kEncodings[data[0] % 3];
  const std::string_view bytes = fuzz::as_text(data + 1, size - 1);

  const auto decoded = decode(bytes, encoding);
  if (!decoded) return 0;
  check_decoding(bytes, encoding, *decoded);

  const std::string& text = decoded->utf8;
  char delimiter = ";,\t?"[data[0] / 3 % 4];
  if (delimiter == '?') {
    delimiter = lobsync::sdk::guess_delimiter(text.substr(0, text.find_first_of("\r\n")));
    if (delimiter == '\0') delimiter = ',';
  }
  const auto rows = read_rows(text, delimiter).rows;
  if (!rows.empty()) check_header(rows.front());

  // Written out with every field quoted, the rows (those before an error) read back the same.
  std::string written;
  for (const auto& row : rows) written += quoted_row(row.fields, delimiter);
  const auto again = read_rows(written, delimiter);
  fuzz::check(again.complete, "quoted rows read without error", written);
  fuzz::check(again.rows.size() == rows.size(), "quoted rows read back as many rows", written);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    fuzz::check(again.rows[i].fields == rows[i].fields, "a quoted row reads back the same fields", written);
  }
  return 0;
}
