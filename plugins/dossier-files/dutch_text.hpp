// The Dutch words of the dossier page: labels for the record's fixed values and dates in words,
// in the school's local time. One place, so a translated page would only need another table.
#pragma once

#include <date/tz.h>

#include <chrono>
#include <string>
#include <string_view>

namespace dossier_files {

// "Terugkijken" for "look_back"; the value itself for an unknown one.
std::string phase_label(std::string_view phase);
// "Verkennen" for "verkennen"; the value itself for an unknown one.
std::string career_phase_label(std::string_view phase);
// "motievenreflectie" for "reflection_on_motives".
std::string competence_label(std::string_view competence);
// "leerling", "ouder", "mentor".
std::string role_label(std::string_view role);

// "maandag 11 januari 2027"
std::string day_in_words(const date::year_month_day& day);
// "maandag 11 januari 2027 om 15:30" in `zone`.
std::string moment_in_words(std::chrono::sys_seconds instant, const date::time_zone* zone);
// "maandag 11 januari 2027, 15:30–16:00"; across midnight both days are written out.
std::string period_in_words(std::chrono::sys_seconds start, std::chrono::sys_seconds end, const date::time_zone* zone);

}  // namespace dossier_files
