#include "values.hpp"

#include <lobsync/ascii.hpp>
#include <cctype>
#include <cstdio>
#include <vector>

namespace magister {
namespace {

using lobsync::sdk::ascii_lower;

std::optional<int> digits(std::string_view s, std::size_t count) {
  if (s.size() != count) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::optional<std::string> make_date(int y, int m, int d) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0)) return std::nullopt;
  char out[32];  // room for any int, though make_date bounds them
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  return std::string(out);
}

// Letter runs of the text: "vmbo-tl 2" → vmbo, tl; "KB2" → kb.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : ascii_lower(text)) {
    if (c >= 'a' && c <= 'z') {
      word += c;
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

}  // namespace

std::optional<std::string> parse_date(std::string_view text) {
  // A time part ("01-02-2010 00:00:00") carries nothing for a birth date.
  text = text.substr(0, text.find(' '));
  if (text.size() != 10) return std::nullopt;
  const char sep = text[2] == text[5] && !std::isdigit(static_cast<unsigned char>(text[2])) ? text[2]
                   : text[4] == text[7] && !std::isdigit(static_cast<unsigned char>(text[4])) ? text[4]
                                                                                               : '\0';
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  if (text[2] == sep) {
    auto d = digits(text.substr(0, 2), 2), m = digits(text.substr(3, 2), 2), y = digits(text.substr(6), 4);
    if (d && m && y) return make_date(*y, *m, *d);
  } else {
    auto y = digits(text.substr(0, 4), 4), m = digits(text.substr(5, 2), 2), d = digits(text.substr(8), 2);
    if (d && m && y) return make_date(*y, *m, *d);
  }
  return std::nullopt;
}

std::string parse_level(std::string_view studie) {
  const auto list = words(studie);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string& w = list[i];
    // "vmbo-t" / "vmbo t": the theoretical track, written out.
    if (w == "vmbo" && i + 1 < list.size() && list[i + 1] == "t") return "vmbo-tl";
    if (w == "havo") return "havo";
    if (w == "vwo" || w == "atheneum" || w == "gymnasium") return "vwo";
    if (w == "mavo" || w == "tl" || w == "vmbotl" || w == "theoretische") return "vmbo-tl";
    if (w == "gl" || w == "gemengde") return "vmbo-gl";
    if (w == "kader" || w == "kb" || w == "kaderberoepsgerichte") return "vmbo-kb";
    if (w == "basis" || w == "bb" || w == "basisberoepsgerichte") return "vmbo-bb";
    if (w == "isk") return "isk";
    if (w == "pro" || w == "praktijkonderwijs") return "pro";
  }
  return "other";
}

std::optional<int> parse_year(std::string_view text) {
  auto year = digits(text, 1);
  if (year && *year >= 1 && *year <= 6) return year;
  return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string v = ascii_lower(text);
  if (v == "1" || v == "ja" || v == "j" || v == "true" || v == "waar" || v == "yes" || v == "y" || v == "-1") return true;
  if (v == "0" || v == "nee" || v == "n" || v == "false" || v == "onwaar" || v == "no") return false;
  return std::nullopt;
}

std::optional<std::string> parse_role(std::string_view text) {
  const std::string v = ascii_lower(text);
  if (v == "1" || v == "eerste" || v == "first" || v == "mentor1" || v == "mentor 1") return "first";
  if (v == "2" || v == "tweede" || v == "second" || v == "mentor2" || v == "mentor 2") return "second";
  return std::nullopt;
}

std::optional<int> parse_positive(std::string_view text) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  auto n = digits(text, text.size());
  if (n && *n >= 1) return n;
  return std::nullopt;
}

}  // namespace magister
