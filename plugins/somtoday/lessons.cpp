#include "lessons.hpp"

#include "iso_weeks.hpp"

#include <algorithm>
#include <cctype>
#include <variant>

namespace somtoday {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

bool is_cancelled(const json& afspraak, const std::vector<std::string>& cancelled) {
  const auto type = afspraak.find("afspraaktype");
  if (type == afspraak.end() || !type->is_string()) return false;
  const std::string text = lower_ascii(type->get<std::string>());
  return std::any_of(cancelled.begin(), cancelled.end(), [&](const std::string& c) { return lower_ascii(c) == text; });
}

// Who of the people asked about gives this lesson. Afspraak.medewerkers names the staff who
// actually teach it (a substitute replaces the lesgroep's docent there); when the list is not
// released at all, the lesgroep's own docenten are assumed busy.
std::set<std::string> staff_of(const json& afspraak, const LessonFilter& filter) {
  const auto list = afspraak.find("medewerkers");
  if (list == afspraak.end() || !list->is_array()) return filter.teachers;
  std::set<std::string> out;
  for (const json& m : *list) {
    if (!m.is_object() || !m.contains("uuid") || !m["uuid"].is_string()) continue;
    const std::string uuid = lower_ascii(m["uuid"].get<std::string>());
    if (filter.wanted.count(uuid)) out.insert(uuid);
  }
  return out;
}

// The instant in the field, or the reason it is unusable.
std::variant<lobsync::sdk::UtcSeconds, std::string> instant_of(const json& afspraak, const char* field) {
  const auto v = afspraak.find(field);
  if (v == afspraak.end() || !v->is_string()) return std::string(field) + " is missing";
  const auto parsed = lobsync::sdk::parse_instant(v->get<std::string>(), school_zone());
  if (!parsed.instant) {
    return std::string(field) + (parsed.issue == lobsync::sdk::LocalTimeIssue::nonexistent
                                     ? " does not exist in Europe/Amsterdam (clock change)"
                                     : " is not a date-time like 2026-10-26T08:30:00+01:00");
  }
  return *parsed.instant;
}

}  // namespace

std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

WeekLessons lessons_of_week(const json& doc, const IsoWeek& week, const LessonFilter& filter, const std::string& where) {
  WeekLessons out;
  const auto rooster = doc.find("rooster");
  if (rooster == doc.end() || rooster->is_null()) return out;  // null is omitted: no lessons
  if (!rooster->is_object()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, where + ": \"rooster\" is not an object");
  // The week number has no year: begindatum is there "voor controledoeleinden", so check it.
  const auto begin = rooster->find("begindatum");
  if (begin != rooster->end() && begin->is_string() && begin->get<std::string>() != week.monday) {
    out.wrong_week = where + ": Somtoday answered with the week of " + begin->get<std::string>() +
                     " instead of " + week.monday + "; that week's lessons are unknown";
    return out;
  }
  const auto afspraken = rooster->find("afspraken");
  if (afspraken == rooster->end() || afspraken->is_null()) return out;
  if (!afspraken->is_array()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, where + ": \"afspraken\" is not a list");
  for (std::size_t i = 0; i < afspraken->size(); ++i) {
    const json& a = (*afspraken)[i];
    std::string name = where + " afspraak " + std::to_string(i);
    if (a.is_object() && a.contains("id") && a["id"].is_number_integer()) {
      name = where + " afspraak " + std::to_string(a["id"].get<long long>());
    }
    if (!a.is_object()) {
      for (const auto& t : filter.teachers) out.problems.emplace_back(t, name + ": not an object; skipped");
      continue;
    }
    if (is_cancelled(a, filter.cancelled)) continue;
    const auto staff = staff_of(a, filter);
    if (staff.empty()) continue;
    const auto start = instant_of(a, "begintijd");
    const auto end = instant_of(a, "eindtijd");
    std::string fault;
    if (const auto* why = std::get_if<std::string>(&start)) fault = *why;
    else if (const auto* why_end = std::get_if<std::string>(&end)) fault = *why_end;
    else if (std::get<0>(end) <= std::get<0>(start)) fault = "eindtijd is not after begintijd";
    if (!fault.empty()) {
      for (const auto& t : staff) out.problems.emplace_back(t, name + ": " + fault + "; skipped");
      continue;
    }
    for (const auto& t : staff) out.lessons.push_back({t, std::get<0>(start), std::get<0>(end)});
  }
  return out;
}

}  // namespace somtoday
