// RFC 4180 CSV over decoded UTF-8 text (see text_encoding.hpp), shared by every plugin that
// reads SIS exports, plus the header checks every such plugin needs: columns by name,
// case-insensitively, and one message listing every missing column with typo suggestions, so
// an administrator fixes an export in one round instead of one column at a time.
#pragma once

#include <lobsync/ascii.hpp>
#include <lobsync/did_you_mean.hpp>
#include <lobsync/plugin_sdk.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lobsync::sdk {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

// Reads rows one at a time; the text must outlive the reader. Accepts LF, CRLF (and lone CR)
// line ends, quoted fields with "" escapes and delimiters or line breaks inside, and skips empty
// lines (exports often end with a few). A quote inside an unquoted field is kept as text.
class CsvReader {
 public:
  CsvReader(std::string_view utf8_text, char delimiter, std::string source_name)
      : text_(utf8_text), delimiter_(delimiter), source_(std::move(source_name)) {}

  // Fills `row` with the next row; false at the end. Throws Error(LOBSYNC_E_INVALID_ARGUMENT)
  // naming the source and line for an unterminated quote or text after a closing quote.
  bool next(CsvRow& row) {
    row.fields.clear();
    while (pos_ < text_.size() && is_line_end(text_[pos_])) skip_line_end();
    if (pos_ >= text_.size()) return false;
    row.line = line_;
    std::string field;
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        read_quoted(field, row);
      } else {
        while (pos_ < text_.size() && text_[pos_] != delimiter_ && !is_line_end(text_[pos_])) {
          field += text_[pos_++];
        }
      }
      row.fields.push_back(std::move(field));
      field.clear();
      if (pos_ >= text_.size()) return true;
      if (text_[pos_] == delimiter_) {
        ++pos_;
        continue;
      }
      skip_line_end();
      return true;
    }
  }

  const std::string& source_name() const noexcept { return source_; }

 private:
  static bool is_line_end(char c) { return c == '\n' || c == '\r'; }

  void skip_line_end() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  void read_quoted(std::string& field, const CsvRow& row) {
    const std::size_t opened = line_;
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= text_.size()) {
        throw Error(LOBSYNC_E_INVALID_ARGUMENT, source_ + ": line " + std::to_string(opened) +
                                                    ": unterminated quoted field (field " +
                                                    std::to_string(row.fields.size() + 1) + ")");
      }
      const char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      if (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n')) ++line_;
      field += c;
    }
    if (pos_ < text_.size() && text_[pos_] != delimiter_ && !is_line_end(text_[pos_])) {
      const std::string field_no = std::to_string(row.fields.size() + 1);
      // A field that ran over lines usually means a quote was never closed where it opened.
      if (opened != line_) {
        throw Error(LOBSYNC_E_INVALID_ARGUMENT, source_ + ": line " + std::to_string(opened) + ": quoted field " + field_no +
                                                    " runs on to line " + std::to_string(line_) +
                                                    " and text follows its closing quote (a missing or undoubled quote?)");
      }
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, source_ + ": line " + std::to_string(line_) + ": text after the closing quote of field " +
                                                  field_no + " (a quote inside a quoted field must be doubled)");
    }
  }

  std::string_view text_;
  char delimiter_;
  std::string source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

namespace detail {

using lobsync::sdk::ascii_lower;

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace detail

// Detects the likely delimiter of a header line: the most frequent of ';' ',' '\t' outside
// quotes, or '\0' when there is none (a single-column header).
inline char guess_delimiter(std::string_view first_line) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : first_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (semicolons == 0 && commas == 0 && tabs == 0) return '\0';
  if (semicolons >= commas && semicolons >= tabs) return ';';
  return commas >= tabs ? ',' : '\t';
}

// The header row of a CSV file: names trimmed, compared case-insensitively.
class CsvHeader {
 public:
  // Throws Error(LOBSYNC_E_INVALID_ARGUMENT) naming both columns when two names are equal;
  // `source_name` only goes into that message.
  explicit CsvHeader(const CsvRow& header_row, std::string_view source_name = "header")
      : line_(header_row.line) {
    for (const auto& raw : header_row.fields) {
      names_.emplace_back(detail::trim(raw));
      keys_.push_back(detail::ascii_lower(names_.back()));
    }
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i].empty()) continue;  // a trailing delimiter makes an unnamed column; harmless
      for (std::size_t j = 0; j < i; ++j) {
        if (keys_[i] == keys_[j]) {
          throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                      std::string(source_name) + ": line " + std::to_string(line_) + ": duplicate column \"" +
                          names_[j] + "\" (column " + std::to_string(j + 1) + ") and \"" + names_[i] +
                          "\" (column " + std::to_string(i + 1) + ")");
        }
      }
    }
  }

  std::optional<std::size_t> index(std::string_view name) const {
    const std::string key = detail::ascii_lower(detail::trim(name));
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == key) return i;
    }
    return std::nullopt;
  }

  // Throws one Error listing every missing column of `required`, each with "did you mean X?"
  // when a present column is a likely typo of it, and a delimiter hint when the whole header
  // landed in one column.
  void require(const std::vector<std::string>& required, std::string_view source_name) const {
    std::string missing;
    for (const auto& name : required) {
      if (index(name)) continue;
      if (!missing.empty()) missing += ", ";
      missing += name;
      if (auto near = suggestion(name)) missing += " (did you mean \"" + *near + "\"?)";
    }
    if (missing.empty()) return;
    std::string message = std::string(source_name) + ": line " + std::to_string(line_) + ": missing required column";
    message += (missing.find(", ") != std::string::npos ? "s: " : ": ") + missing;
    if (names_.size() == 1) {
      if (const char d = guess_delimiter(names_[0]); d != '\0') {
        message += std::string("; the header has one column only: is the file separated by ") +
                   (d == '\t' ? "tabs" : std::string("'") + d + "'") + "?";
      }
    }
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, message);
  }

  // True when `row` repeats this header (exports concatenated into one file).
  bool same_as(const CsvRow& row) const {
    if (row.fields.size() != keys_.size()) return false;
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (detail::ascii_lower(detail::trim(row.fields[i])) != keys_[i]) return false;
    }
    return true;
  }

  const std::vector<std::string>& names() const { return names_; }

 private:
  // The closest present column name within a distance that still reads as a typo.
  std::optional<std::string> suggestion(std::string_view wanted) const {
    if (auto i = closest_index(detail::ascii_lower(wanted), keys_)) return names_[*i];
    return std::nullopt;
  }

  std::size_t line_;
  std::vector<std::string> names_;
  std::vector<std::string> keys_;
};

}  // namespace lobsync::sdk
