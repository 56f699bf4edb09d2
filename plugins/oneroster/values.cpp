#include "values.h"

#include <lobsync/csv.hpp>

namespace oneroster {

bool valid_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  const auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const int year = num(0, 4), month = num(5, 2), day = num(8, 2);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::optional<bool> parse_bool(std::string_view text) {
  const auto v = lobsync::sdk::detail::ascii_lower(text);
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = lobsync::sdk::detail::trim(text.substr(0, comma));
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

std::optional<GradeYears> grade_preset(std::string_view name) {
  GradeYears map;
  if (name == "us") {
    for (int year = 1; year <= 6; ++year) map[(year + 6 < 10 ? "0" : "") + std::to_string(year + 6)] = year;
  } else if (name == "leerjaar") {
    for (int year = 1; year <= 6; ++year) {
      map[std::to_string(year)] = year;
      map["0" + std::to_string(year)] = year;
    }
  } else {
    return std::nullopt;
  }
  return map;
}

YearResult year_for(const GradeYears& map, const std::vector<std::string>& grades, int& year) {
  if (map.empty() || grades.empty()) return YearResult::none;
  std::optional<int> found;
  for (const auto& grade : grades) {
    auto it = map.find(grade);
    if (it == map.end()) return YearResult::unmapped;
    if (found && *found != it->second) return YearResult::conflicting;
    found = it->second;
  }
  year = *found;
  return YearResult::ok;
}

}  // namespace oneroster
