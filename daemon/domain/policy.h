// The school's LOB policy: which conversations each student is owed this school year, when and
// how long they are, and when they may be held. Plain types; config/planning_load.cpp reads
// them from the config file and domain/default_policy.cpp holds the defaults the product ships.
#pragma once

#include <date/date.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::domain {

// Minutes after local midnight, e.g. 15:30 = 930.
using MinuteOfDay = int;

struct TimeWindow {
  MinuteOfDay from = 0;
  MinuteOfDay to = 0;  // exclusive; always > from
};

// A closed range of calendar dates (local), e.g. a holiday.
struct DateRange {
  std::string name;
  date::year_month_day from;
  date::year_month_day to;  // inclusive
};

// The levels (onderwijssoorten) a roster and the policy speak of.
inline constexpr std::string_view kLevels[] = {"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl", "havo",
                                               "vwo",     "isk",     "pro",     "other"};
inline bool known_level(std::string_view level) {
  for (auto known : kLevels)
    if (known == level) return true;
  return false;
}

// Which students a conversation type is for. Empty lists mean "all".
struct Audience {
  std::vector<int> years;             // leerjaar 1..6
  std::vector<std::string> levels;    // vmbo-bb, …, havo, vwo, isk, pro, other
  bool final_year_only = false;       // only in the last year of the student's level
};

// One kind of conversation (e.g. "individual", "parents"), as the school defines it.
struct ConversationType {
  std::string id;                     // [a-z0-9_]+, stable: used in keys, coverage and texts
  std::map<std::string, std::string> titles;  // by language; empty → the translation files' title
  bool enabled = true;
  bool with_parents = false;          // student + parents + mentor; else student + mentor
  Audience audience;
  int week_from = 1, week_to = 53;    // ISO weeks of the school year; from > to crosses New Year
  int duration_minutes = 20;          // at least 20 (the LOB norm)
  std::string location;               // empty → planning default location
  std::vector<std::string> guide;     // prompts for the four phases, shown to the mentor
  // Who may lead it, in order: "mentor" (the first mentor), "second_mentor", "decaan". Several
  // share the conversations by load (domain/leads.h); empty = the first mentor.
  std::vector<std::string> leads;
  std::map<std::string, std::vector<std::string>> leads_by_level;  // level → leads, before `leads`
  // Its career phase whatever the student's year (domain/career_phase.h); empty = by year and level.
  std::string career_phase;
  // The AanDeBak-garantie (certain mbo programmes guarantee a place to a student who chose the
  // matching profile in year 2) belongs in this conversation: the mentor's record form asks
  // whether it was discussed (records: `aandebak_discussed`).
  bool aandebak = false;
};

struct Organizer {
  std::string email;  // From and ORGANIZER of every invitation
  std::string name;
};

// How the planner picks a conversation's day inside its window.
enum class Placement {
  spread,    // the mentor's least-busy week first, then preferred weekdays, then the least-busy day
  earliest,  // the first day with a free time
};

struct Policy {
  // The school year the planner fills; default: 1 August .. 31 July around "today".
  bool has_school_year = false;
  date::year_month_day year_start{};
  date::year_month_day year_end{};
  // school.region: "noord", "midden", "zuid" or "" (none chosen). Its national vacation weeks
  // (domain/school_holidays.h) are in `holidays`, beside the ones the school typed.
  std::string holiday_region;
  std::vector<DateRange> holidays;
  std::vector<date::year_month_day> closed_days;  // days without conversations (study days, exams)
  bool public_holidays = true;  // the Dutch public holidays are closed days (planning/public_holidays.h)

  std::vector<date::weekday> weekdays;  // days with conversations; default Monday..Friday
  TimeWindow mentor_hours{8 * 60 + 30, 16 * 60 + 30};  // individual conversations
  TimeWindow parent_hours{15 * 60 + 30, 20 * 60};      // conversations with parents
  int max_per_mentor_per_day = 6;
  int max_per_mentor_per_week = 15;
  Placement placement = Placement::spread;
  std::vector<date::weekday> preferred_weekdays;  // tried first among `weekdays`; empty: no preference
  int break_minutes = 5;       // gap a mentor keeps after each conversation
  int interpreter_extra_minutes = 20;  // a conversation through an interpreter takes this much longer
  int slot_minutes = 5;        // start times are multiples of this after the window opens
  int notice_days = 7;         // earliest start: this many days after planning
  int overdue_days = 21;       // a conversation whose window passed is placed within this many days
  // A conversation with parents for a student of 18 or over waits for the student's answer
  // (invite the parents or not) until this many days before its window closes; then it is held
  // with the student alone (no answer, no parents).
  int adult_answer_days = 14;
  bool siblings_back_to_back = true;
  bool separate_households_default = false;  // separated parents: one joint meeting unless asked
  std::string default_location = "School";

  Organizer organizer;
  std::string mailer;                     // plugin instance that sends invitations
  std::vector<std::string> calendars;     // calendar-writer instances for the mentors' copies
  std::vector<ConversationType> types;
  // The decanen (careers advisers) per level: staff by abbreviation, e-mail or roster key.
  std::map<std::string, std::vector<std::string>> decanen;
  // The career phase of each school year per level: level → phase of year 1, 2, … (a later year
  // has the last one). Levels left out have no phase (domain/career_phase.h).
  std::map<std::string, std::vector<std::string>> career_phases;

  const ConversationType* type(std::string_view id) const {
    for (const auto& t : types)
      if (t.id == id) return &t;
    return nullptr;
  }
};

// The conversation types and hours the product ships; the config adjusts them.
Policy default_policy();

// Last year of secondary school per level (vmbo 4, havo 5, vwo 6); 0 when it has none (isk).
int final_year_of(std::string_view level);

}  // namespace lobsync::domain
