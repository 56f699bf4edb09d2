#include "dutch_text.hpp"

#include <array>
#include <cstdio>
#include <utility>

namespace dossier_files {

namespace {

using Pair = std::pair<std::string_view, std::string_view>;

constexpr std::array<Pair, 4> kPhaseLabels{{
    {"look_back", "Terugkijken"}, {"reflect", "Reflecteren"}, {"look_forward", "Vooruitkijken"}, {"act", "Activeren"}}};

constexpr std::array<Pair, 4> kCareerPhaseLabels{
    {{"orienteren", "Oriënteren"}, {"verkennen", "Verkennen"}, {"verdiepen", "Verdiepen"}, {"beslissen", "Beslissen"}}};

constexpr std::array<Pair, 6> kCompetenceLabels{{{"reflection_on_motives", "motievenreflectie"},
                                                 {"reflection_on_qualities", "kwaliteitenreflectie"},
                                                 {"work_exploration", "werkexploratie"},
                                                 {"career_steering", "loopbaansturing"},
                                                 {"networking", "netwerken"},
                                                 {"dealing_with_expectations", "omgaan met verwachtingen"}}};

constexpr std::array<Pair, 3> kRoleLabels{{{"student", "leerling"}, {"parent", "ouder"}, {"mentor", "mentor"}}};

// ISO weekday 1 = Monday.
constexpr std::array<std::string_view, 7> kWeekdays{"maandag", "dinsdag", "woensdag", "donderdag",
                                                    "vrijdag", "zaterdag", "zondag"};
constexpr std::array<std::string_view, 12> kMonths{"januari", "februari", "maart",     "april",   "mei",      "juni",
                                                   "juli",    "augustus", "september", "oktober", "november", "december"};

template <std::size_t N>
std::string lookup(const std::array<Pair, N>& table, std::string_view key) {
  for (const auto& [from, to] : table) {
    if (from == key) return std::string(to);
  }
  return std::string(key);
}

struct Local {
  date::local_days day;
  std::string time;  // "15:30"
};

Local to_local(std::chrono::sys_seconds instant, const date::time_zone* zone) {
  const auto local = zone->to_local(date::floor<std::chrono::minutes>(instant));
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss clock{local - day};
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()));
  return {day, time};
}

}  // namespace

std::string phase_label(std::string_view phase) { return lookup(kPhaseLabels, phase); }
std::string career_phase_label(std::string_view phase) { return lookup(kCareerPhaseLabels, phase); }
std::string competence_label(std::string_view competence) { return lookup(kCompetenceLabels, competence); }
std::string role_label(std::string_view role) { return lookup(kRoleLabels, role); }

std::string day_in_words(const date::year_month_day& day) {
  const date::weekday weekday{date::sys_days(day)};
  return std::string(kWeekdays[weekday.iso_encoding() - 1]) + " " + std::to_string(static_cast<unsigned>(day.day())) + " " +
         std::string(kMonths[static_cast<unsigned>(day.month()) - 1]) + " " + std::to_string(static_cast<int>(day.year()));
}

std::string moment_in_words(std::chrono::sys_seconds instant, const date::time_zone* zone) {
  const Local at = to_local(instant, zone);
  return day_in_words(date::year_month_day(at.day)) + " om " + at.time;
}

std::string period_in_words(std::chrono::sys_seconds start, std::chrono::sys_seconds end, const date::time_zone* zone) {
  const Local from = to_local(start, zone);
  const Local to = to_local(end, zone);
  if (from.day == to.day) return day_in_words(date::year_month_day(from.day)) + ", " + from.time + "–" + to.time;
  return day_in_words(date::year_month_day(from.day)) + " " + from.time + " tot " +
         day_in_words(date::year_month_day(to.day)) + " " + to.time;
}

}  // namespace dossier_files
