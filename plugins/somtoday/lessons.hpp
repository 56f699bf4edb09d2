// One lesgroep rooster week (Rooster/Afspraak of the OpenAPI file) → who is busy when.
#pragma once

#include "iso_weeks.hpp"

#include <lobsync/busy_request.hpp>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace somtoday {

struct Lesson {
  std::string medewerker;  // uuid, lower case
  lobsync::sdk::UtcSeconds start;
  lobsync::sdk::UtcSeconds end;
  bool operator<(const Lesson& o) const { return std::tie(medewerker, start, end) < std::tie(o.medewerker, o.start, o.end); }
};

struct WeekLessons {
  std::vector<Lesson> lessons;
  std::vector<std::pair<std::string, std::string>> problems;  // (medewerker uuid, message)
  std::string wrong_week;  // non-empty: the answer is for another week than asked (message)
};

struct LessonFilter {
  const std::set<std::string>& wanted;        // medewerker uuids asked about
  const std::set<std::string>& teachers;      // wanted uuids that teach this lesgroep
  const std::vector<std::string>& cancelled;  // afspraaktype values that mean "does not take place"
};

// `doc` is the whole RoosterResponse. Throws Error(LOBSYNC_E_INVALID_ARGUMENT) when its shape
// is wrong (afspraken not a list); per-afspraak faults become problems. `where` names the
// request in messages ("lesgroep <uuid> week 44").
WeekLessons lessons_of_week(const nlohmann::json& doc, const IsoWeek& week, const LessonFilter& filter,
                            const std::string& where);

std::string lower_ascii(std::string text);

}  // namespace somtoday
