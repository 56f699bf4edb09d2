#include "config/planning_load.h"

#include "config/career_phases_load.h"
#include "config/leads_load.h"

#include "messaging/mime.h"

#include <lobsync/dates.hpp>

#include <algorithm>
#include <cstdio>

namespace lobsync::config {
namespace {

using nlohmann::json;

std::optional<date::year_month_day> parse_date(const json& v) {
  if (!v.is_string()) return std::nullopt;
  return sdk::parse_iso_date(v.get<std::string>());
}

std::optional<int> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

void read_hours(Reader& r, const json& obj, const std::string& path, const char* key, domain::TimeWindow& out) {
  if (!obj.contains(key)) return;
  const auto& v = obj[key];
  const auto where = pointer(path, key);
  const auto hours = v.is_string() ? parse_hours(v.get<std::string>()) : std::nullopt;
  if (!hours) return r.problem(where, "must be a text like \"15:30-20:00\" (HH:MM-HH:MM, local time, ending after it starts)");
  out = *hours;
}

void read_date(Reader& r, const json& obj, const std::string& path, const char* key, date::year_month_day& out,
               bool required) {
  if (!obj.contains(key)) {
    if (required) r.problem(pointer(path, key), "missing (a date like \"2026-10-17\")");
    return;
  }
  if (auto d = parse_date(obj[key])) out = *d;
  else r.problem(pointer(path, key), "must be a date like \"2026-10-17\"");
}

void read_school_year(Reader& r, const json& p, domain::Policy& policy) {
  if (!p.contains("school_year") || !r.expect_object(p["school_year"], "/planning/school_year")) return;
  const auto& y = p["school_year"];
  r.reject_unknown(y, "/planning/school_year", {"start", "end"});
  read_date(r, y, "/planning/school_year", "start", policy.year_start, true);
  read_date(r, y, "/planning/school_year", "end", policy.year_end, true);
  policy.has_school_year = true;
  if (policy.year_start.ok() && policy.year_end.ok() &&
      date::sys_days{policy.year_end} <= date::sys_days{policy.year_start})
    r.problem("/planning/school_year/end", "must be after start");
}

void read_holidays(Reader& r, const json& p, domain::Policy& policy) {
  if (!p.contains("holidays")) return;
  const auto& list = p["holidays"];
  if (!list.is_array()) return r.problem("/planning/holidays", "must be a list of {\"name\", \"from\", \"to\"}");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto path = "/planning/holidays/" + std::to_string(i);
    if (!r.expect_object(list[i], path)) continue;
    r.reject_unknown(list[i], path, {"name", "from", "to"});
    domain::DateRange h;
    r.string(list[i], path, "name", h.name);
    read_date(r, list[i], path, "from", h.from, true);
    read_date(r, list[i], path, "to", h.to, true);
    if (h.from.ok() && h.to.ok() && date::sys_days{h.to} < date::sys_days{h.from})
      r.problem(path + "/to", "must not be before from");
    policy.holidays.push_back(h);
  }
}

void read_closed_days(Reader& r, const json& p, domain::Policy& policy) {
  if (!p.contains("closed_days")) return;
  const auto& list = p["closed_days"];
  if (!list.is_array()) return r.problem("/planning/closed_days", "must be a list of dates like \"2026-12-18\"");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto d = parse_date(list[i])) policy.closed_days.push_back(*d);
    else r.problem("/planning/closed_days/" + std::to_string(i), "must be a date like \"2026-12-18\"");
  }
}

// A list of weekday names ("mon" … "sun") under planning.<key>.
void read_weekdays(Reader& r, const json& p, const char* key, std::vector<date::weekday>& out) {
  if (!p.contains(key)) return;
  static constexpr std::pair<std::string_view, unsigned> names[] = {
      {"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}, {"sun", 0}};
  const auto& list = p[key];
  const auto path = pointer("/planning", key);
  if (!list.is_array() || list.empty()) return r.problem(path, "must be a non-empty list like [\"mon\", \"tue\"]");
  out.clear();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto* found = list[i].is_string()
        ? std::find_if(std::begin(names), std::end(names), [&](auto& n) { return n.first == list[i].get<std::string>(); })
        : std::end(names);
    if (found == std::end(names))
      r.problem(path + "/" + std::to_string(i), "must be one of mon, tue, wed, thu, fri, sat, sun");
    else
      out.emplace_back(found->second);
  }
}

void read_placement(Reader& r, const json& p, domain::Policy& policy) {
  if (!p.contains("placement")) return;
  const auto& v = p["placement"];
  if (v == "spread") policy.placement = domain::Placement::spread;
  else if (v == "earliest") policy.placement = domain::Placement::earliest;
  else r.problem("/planning/placement", "must be \"spread\" (the default: even out each mentor's weeks and days) or \"earliest\"");
}

// Preferred days only reorder the conversation days, so each must be one (checked after both
// lists are read; positions as written, whatever was refused before them).
void check_preferred_weekdays(Reader& r, const json& p, const domain::Policy& policy) {
  if (!p.contains("preferred_weekdays") || !p["preferred_weekdays"].is_array()) return;
  std::size_t next = 0;  // the parsed list holds the valid names in order
  const auto& list = p["preferred_weekdays"];
  for (std::size_t i = 0; i < list.size() && next < policy.preferred_weekdays.size(); ++i) {
    static const std::string_view names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    const auto wd = policy.preferred_weekdays[next];
    if (!list[i].is_string() || list[i].get<std::string>() != names[wd.c_encoding()]) continue;
    ++next;
    if (std::find(policy.weekdays.begin(), policy.weekdays.end(), wd) == policy.weekdays.end())
      r.problem("/planning/preferred_weekdays/" + std::to_string(i), "must be one of the days in planning.weekdays");
  }
}

bool valid_type_id(const std::string& id) {
  return !id.empty() && id.size() <= 40 &&
         std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

void read_int_list(Reader& r, const json& t, const std::string& path, const char* key, int min, int max,
                   std::vector<int>& out) {
  if (!t.contains(key)) return;
  const auto& v = t[key];
  const auto where = pointer(path, key);
  if (!v.is_array()) return r.problem(where, "must be a list of whole numbers");
  out.clear();
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number_integer() || v[i].get<int>() < min || v[i].get<int>() > max)
      r.problem(where + "/" + std::to_string(i), "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    else
      out.push_back(v[i].get<int>());
  }
}

void read_levels(Reader& r, const json& t, const std::string& path, std::vector<std::string>& out) {
  if (!t.contains("levels")) return;
  const auto& v = t["levels"];
  if (!v.is_array()) return r.problem(path + "/levels", "must be a list of levels");
  out.clear();
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool ok = v[i].is_string() && domain::known_level(v[i].get<std::string>());
    if (ok) out.push_back(v[i].get<std::string>());
    else r.problem(path + "/levels/" + std::to_string(i), kNotALevel);
  }
}

void read_weeks(Reader& r, const json& t, const std::string& path, domain::ConversationType& type, bool required) {
  if (!t.contains("weeks")) {
    if (required) r.problem(path + "/weeks", "missing: ISO weeks of the school year like \"46-51\"");
    return;
  }
  const auto& v = t["weeks"];
  int from = 0, to = 0;
  char tail = 0;
  if (!v.is_string() || std::sscanf(v.get<std::string>().c_str(), "%d-%d%c", &from, &to, &tail) != 2 || from < 1 ||
      from > 53 || to < 1 || to > 53)
    return r.problem(path + "/weeks", "must be ISO weeks like \"46-51\" (\"50-3\" crosses New Year)");
  type.week_from = from;
  type.week_to = to;
}

void read_type(Reader& r, const json& t, const std::string& path, domain::ConversationType& type, bool is_new) {
  r.reject_unknown(t, path, {"enabled", "title", "with_parents", "years", "levels", "final_year_only", "weeks",
                             "duration_minutes", "location", "guide", "leads", "leads_by_level", "career_phase", "aandebak"});
  r.boolean(t, path, "enabled", type.enabled);
  if (is_new && !t.contains("with_parents")) r.problem(path + "/with_parents", "missing (true or false) for a new type");
  r.boolean(t, path, "with_parents", type.with_parents);
  read_int_list(r, t, path, "years", 1, 6, type.audience.years);
  read_levels(r, t, path, type.audience.levels);
  r.boolean(t, path, "final_year_only", type.audience.final_year_only);
  r.boolean(t, path, "aandebak", type.aandebak);
  read_weeks(r, t, path, type, is_new);
  r.integer(t, path, "duration_minutes", type.duration_minutes, 20, 240);
  r.string(t, path, "location", type.location);
  read_leads(r, t, path, type);
  read_type_career_phase(r, t, path, type);
  if (t.contains("title")) {
    const auto& titles = t["title"];
    if (!titles.is_object()) r.problem(path + "/title", "must be an object of texts by language, like {\"nl\": \"…\"}");
    else
      for (const auto& [lang, text] : titles.items()) {
        if (text.is_string() && !text.get<std::string>().empty()) type.titles[lang] = text.get<std::string>();
        else r.problem(pointer(path + "/title", lang), "must be a non-empty text");
      }
  }
  if (t.contains("guide")) {
    const auto& g = t["guide"];
    if (!g.is_array()) return r.problem(path + "/guide", "must be a list of prompts");
    type.guide.clear();
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (g[i].is_string()) type.guide.push_back(g[i].get<std::string>());
      else r.problem(path + "/guide/" + std::to_string(i), "must be a text");
    }
  }
}

void read_types(Reader& r, const json& p, domain::Policy& policy) {
  if (!p.contains("types") || !r.expect_object(p["types"], "/planning/types")) return;
  for (const auto& [id, t] : p["types"].items()) {
    const auto path = pointer("/planning/types", id);
    if (!valid_type_id(id)) {
      r.problem(path, "type names use a-z, 0-9 and _ only");
      continue;
    }
    if (!r.expect_object(t, path)) continue;
    // Compared through a plain name: clang before 16 cannot capture a structured binding.
    const std::string& type_id = id;
    auto it = std::find_if(policy.types.begin(), policy.types.end(), [&](auto& x) { return x.id == type_id; });
    const bool is_new = it == policy.types.end();
    if (is_new) {
      domain::ConversationType fresh;
      fresh.id = id;
      policy.types.push_back(fresh);
      it = std::prev(policy.types.end());
    }
    read_type(r, t, path, *it, is_new);
  }
}

bool names_instance(const Config& c, const std::string& name) {
  return std::any_of(c.plugins.begin(), c.plugins.end(), [&](auto& p) { return p.instance == name; });
}

}  // namespace

std::optional<domain::TimeWindow> parse_hours(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto from = parse_clock(text.substr(0, dash));
  const auto to = parse_clock(text.substr(dash + 1));
  if (!from || !to || *to <= *from) return std::nullopt;
  return domain::TimeWindow{*from, *to};
}

void read_planning(Reader& r, const json& root, Config& c) {
  if (!root.contains("planning") || !r.expect_object(root["planning"], "/planning")) return;
  const auto& p = root["planning"];
  auto& policy = c.planning;
  r.reject_unknown(p, "/planning",
                   {"school_year", "holidays", "closed_days", "weekdays", "mentor_hours", "parent_hours",
                    "max_per_mentor_per_day", "max_per_mentor_per_week", "placement", "preferred_weekdays",
                    "public_holidays", "break_minutes", "slot_minutes", "notice_days", "overdue_days",
                    "adult_answer_days", "siblings_back_to_back", "separate_households", "location", "organizer", "mailer",
                    "calendars", "types", "decanen", "career_phases", "interpreter_extra_minutes"});
  read_school_year(r, p, policy);
  read_holidays(r, p, policy);
  read_closed_days(r, p, policy);
  read_weekdays(r, p, "weekdays", policy.weekdays);
  read_weekdays(r, p, "preferred_weekdays", policy.preferred_weekdays);
  check_preferred_weekdays(r, p, policy);
  read_placement(r, p, policy);
  r.boolean(p, "/planning", "public_holidays", policy.public_holidays);
  read_hours(r, p, "/planning", "mentor_hours", policy.mentor_hours);
  read_hours(r, p, "/planning", "parent_hours", policy.parent_hours);
  r.integer(p, "/planning", "max_per_mentor_per_day", policy.max_per_mentor_per_day, 1, 40);
  r.integer(p, "/planning", "max_per_mentor_per_week", policy.max_per_mentor_per_week, 1, 200);
  r.integer(p, "/planning", "break_minutes", policy.break_minutes, 0, 120);
  r.integer(p, "/planning", "interpreter_extra_minutes", policy.interpreter_extra_minutes, 0, 120);
  r.integer(p, "/planning", "slot_minutes", policy.slot_minutes, 5, 60);
  r.integer(p, "/planning", "notice_days", policy.notice_days, 0, 60);
  r.integer(p, "/planning", "overdue_days", policy.overdue_days, 1, 120);
  r.integer(p, "/planning", "adult_answer_days", policy.adult_answer_days, 0, 120);
  r.boolean(p, "/planning", "siblings_back_to_back", policy.siblings_back_to_back);
  r.boolean(p, "/planning", "separate_households", policy.separate_households_default);
  r.string(p, "/planning", "location", policy.default_location);
  if (p.contains("organizer") && r.expect_object(p["organizer"], "/planning/organizer")) {
    const auto& o = p["organizer"];
    r.reject_unknown(o, "/planning/organizer", {"email", "name"});
    r.string(o, "/planning/organizer", "email", policy.organizer.email);
    r.string(o, "/planning/organizer", "name", policy.organizer.name);
    if (!messaging::plausible_address(policy.organizer.email))
      r.problem("/planning/organizer/email", "must be the e-mail address invitations come from");
  }
  r.string(p, "/planning", "mailer", policy.mailer);
  if (!policy.mailer.empty()) {
    if (!names_instance(c, policy.mailer))
      r.problem("/planning/mailer", "must name a plugin instance under /plugins that sends mail");
    if (policy.organizer.email.empty())
      r.problem("/planning/organizer/email", "missing: invitations need a sender (ORGANIZER) address");
  }
  if (p.contains("calendars")) {
    const auto& list = p["calendars"];
    if (!list.is_array()) r.problem("/planning/calendars", "must be a list of plugin instances that write calendars");
    else
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].is_string() && names_instance(c, list[i].get<std::string>()))
          policy.calendars.push_back(list[i].get<std::string>());
        else
          r.problem("/planning/calendars/" + std::to_string(i), "must name a plugin instance under /plugins");
      }
  }
  read_types(r, p, policy);
  read_decanen(r, p, policy);
  read_career_phases(r, p, policy);
}

}  // namespace lobsync::config
