#include "busy_reader.hpp"

#include "csv_table.hpp"
#include "lesson_times.hpp"
#include "sources.hpp"

#include <lobsync/ascii.hpp>
#include <lobsync/busy_request.hpp>

#include <map>
#include <set>
#include <tuple>

namespace magister {

namespace {

using lobsync::sdk::ascii_lower;
using lobsync::sdk::Error;
using lobsync::sdk::UtcSeconds;
using nlohmann::json;

// Magister's Status 4 and 5 are "vervallen"; an export may also spell the word out.
bool is_cancelled(const std::string& status) {
  const std::string s = ascii_lower(status);
  return s == "4" || s == "5" || s.find("vervallen") != std::string::npos || s.find("geannuleerd") != std::string::npos;
}

// Collects the problem records CsvTable writes (for a roster read) so they can become log lines
// here: a busy.read answer carries only documents about people.
class RowProblems {
 public:
  RowProblems() : emitter_(&RowProblems::collect, this), output_(emitter_) {}
  Output& output() { return output_; }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  static int collect(void* self, const char* data, std::size_t size) {
    const auto doc = json::parse(data, data + size, nullptr, false);
    if (doc.is_object()) static_cast<RowProblems*>(self)->messages_.push_back(doc.value("record", "") + ": " + doc.value("message", ""));
    return 0;
  }
  lobsync::sdk::Emitter emitter_;
  Output output_;
  std::vector<std::string> messages_;
};

struct Lesson {
  std::string code;  // lower case
  UtcSeconds start;
  UtcSeconds end;
  bool operator<(const Lesson& o) const { return std::tie(code, start, end) < std::tie(o.code, o.start, o.end); }
};

}  // namespace

void read_busy(const lobsync::sdk::Host& host, const Settings& settings, const json& request, lobsync::sdk::Emitter& out) {
  const auto req = lobsync::sdk::parse_busy_request(request);
  if (!has_timetable(settings)) {
    // Not an outage: the school simply does not export its timetable to lobsync. Failing would
    // stop all planning, also with a calendar as busy source, so it is logged instead.
    host.warn("busy.read: no timetable configured (files.timetable or layouts.timetable): lessons are not known");
    return;
  }
  const Sources sources = load_sources(host, settings, {Table::staff, Table::timetable});
  RowProblems row_problems;

  // Staff: stamnummer → docentcode, so a code changed in Magister since the last sync still counts.
  std::map<std::string, std::string> code_of;
  {
    CsvTable staff(*sources[static_cast<std::size_t>(Table::staff)], Table::staff,
                   columns_of(settings.columns, Table::staff), settings.encoding);
    staff.read(row_problems.output(), [&](const Row& row) {
      const std::string number = row.get("staff_number");
      if (!number.empty()) code_of.emplace(number, ascii_lower(row.get("abbreviation")));
    });
  }
  std::map<std::string, std::vector<std::string>> ids_of;  // docentcode → host ids
  for (const auto& p : req.people) {
    const auto it = code_of.find(p.source_id);
    if (p.source_id.empty() || it == code_of.end()) {
      out.emit({{"person", p.id}, {"error", "not among Magister's active staff (source_id is the staff stamnummer)"}});
    } else if (it->second.empty()) {
      out.emit({{"person", p.id}, {"error", "has no docentcode in Magister, so the timetable cannot name them"}});
    } else {
      ids_of[it->second].push_back(p.id);
    }
  }
  if (ids_of.empty()) return;

  const date::time_zone* zone = date::locate_zone("Europe/Amsterdam");
  std::set<Lesson> lessons;
  std::vector<std::pair<std::string, std::string>> problems;  // (code, message)
  const Source& source = *sources[static_cast<std::size_t>(Table::timetable)];
  CsvTable timetable(source, Table::timetable, columns_of(settings.columns, Table::timetable), settings.encoding);
  timetable.read(row_problems.output(), [&](const Row& row) {
    std::vector<std::string> codes;
    const std::string all = row.get("staff_code");
    for (std::size_t at = 0; at <= all.size();) {
      const std::size_t comma = std::min(all.find(',', at), all.size());
      const std::string code = ascii_lower(lobsync::sdk::detail::trim(std::string_view(all).substr(at, comma - at)));
      if (ids_of.count(code)) codes.push_back(code);
      at = comma + 1;
    }
    if (codes.empty() || is_cancelled(row.get("status"))) return;
    const std::string day = row.get("date");
    const auto start = lesson_instant(row.get("start"), day, zone);
    const auto end = lesson_instant(row.get("end"), day, zone);
    std::string fault;
    if (const auto* why = std::get_if<std::string>(&start)) fault = "column " + row.column("start") + " " + *why;
    else if (const auto* why_end = std::get_if<std::string>(&end)) fault = "column " + row.column("end") + " " + *why_end;
    else if (std::get<0>(end) <= std::get<0>(start)) fault = "column " + row.column("end") + " is not after " + row.column("start");
    if (!fault.empty()) {
      for (const auto& c : codes) problems.emplace_back(c, row.where + ": " + fault + "; skipped");
      return;
    }
    if (std::get<0>(end) <= req.from || std::get<0>(start) >= req.to) return;
    for (const auto& c : codes) lessons.insert({c, std::get<0>(start), std::get<0>(end)});
  });

  for (const auto& lesson : lessons) {
    for (const auto& id : ids_of[lesson.code]) {
      out.emit({{"person", id},
                {"start", lobsync::sdk::format_utc_instant(lesson.start)},
                {"end", lobsync::sdk::format_utc_instant(lesson.end)}});
    }
  }
  for (const auto& [code, message] : problems) {
    for (const auto& id : ids_of[code]) out.emit({{"person", id}, {"problem", message}});
  }
  for (const auto& message : row_problems.messages()) host.warn("busy.read: " + message);
  host.info("busy.read: " + std::to_string(lessons.size()) + " lessons of " + std::to_string(ids_of.size()) +
            " teachers from " + source.name);
}

}  // namespace magister
