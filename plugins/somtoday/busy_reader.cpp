#include "busy_reader.hpp"

#include "lessons.hpp"
#include "roster_reader.hpp"

#include <lobsync/url.hpp>

#include <map>
#include <set>

namespace somtoday {

namespace {

using lobsync::sdk::BusyRequest;
using lobsync::sdk::Error;
using lobsync::sdk::url_encode;
using nlohmann::json;

constexpr std::size_t kUuidsPerRequest = 50;  // keeps the query string short

struct Lesgroep {
  std::string vestiging;
  std::set<std::string> teachers;  // asked-about medewerkers who teach it
};

// What the medewerker lists told us about the people asked about.
struct Staff {
  std::set<std::string> found;                  // uuids seen in some vestiging
  std::set<std::string> with_lesgroepen;        // uuids whose lesgroepen field was released
  std::map<std::string, Lesgroep> lesgroepen;   // lesgroep uuid → where and who
};

class Errors {
 public:
  void add(const std::string& uuid, std::string message) { by_uuid_.emplace(uuid, std::move(message)); }
  bool has(const std::string& uuid) const { return by_uuid_.count(uuid) > 0; }
  const std::map<std::string, std::string>& all() const { return by_uuid_; }

 private:
  std::map<std::string, std::string> by_uuid_;  // the first error per person is enough
};

void read_staff(ConnectClient& client, const std::vector<json>& vestigingen, const std::set<std::string>& wanted,
                Staff& staff) {
  std::set<std::string> chosen;
  for (const json& v : vestigingen) chosen.insert(lower_ascii(v["uuid"].get<std::string>()));
  const std::vector<std::string> uuids(wanted.begin(), wanted.end());
  for (const json& v : vestigingen) {
    const std::string vestiging = v["uuid"].get<std::string>();
    for (std::size_t first = 0; first < uuids.size(); first += kUuidsPerRequest) {
      std::string path = "/connect/vestiging/" + url_encode(vestiging) + "/medewerker";
      for (std::size_t i = first; i < std::min(uuids.size(), first + kUuidsPerRequest); ++i) {
        path = lobsync::sdk::with_query(path, "uuid", uuids[i]);
      }
      client.for_each_item(path, "medewerkers", [&](const json& m, long long) {
        if (!m.is_object() || !m.contains("uuid") || !m["uuid"].is_string()) return;
        const std::string uuid = lower_ascii(m["uuid"].get<std::string>());
        if (!wanted.count(uuid)) return;  // the filter is the server's; trust but check
        staff.found.insert(uuid);
        const auto list = m.find("lesgroepen");
        if (list == m.end() || !list->is_array()) return;
        staff.with_lesgroepen.insert(uuid);
        for (const json& ref : *list) {
          if (!ref.is_object() || !ref.contains("uuid") || !ref["uuid"].is_string() ||
              !is_uuid(ref["uuid"].get<std::string>()))
            continue;
          // A lesgroep belongs to one vestiging; read its rooster there when we may.
          std::string where = vestiging;
          if (ref.contains("vestiging") && ref["vestiging"].is_object() && ref["vestiging"].contains("uuid") &&
              ref["vestiging"]["uuid"].is_string() && chosen.count(lower_ascii(ref["vestiging"]["uuid"].get<std::string>()))) {
            where = ref["vestiging"]["uuid"].get<std::string>();
          }
          auto& group = staff.lesgroepen[lower_ascii(ref["uuid"].get<std::string>())];
          if (group.vestiging.empty()) group.vestiging = where;
          group.teachers.insert(uuid);
        }
      });
    }
  }
}

}  // namespace

void read_busy(ConnectClient& client, const Settings& settings, const lobsync::sdk::Host& host, const json& request,
               lobsync::sdk::Emitter& out) {
  const BusyRequest req = lobsync::sdk::parse_busy_request(request);
  std::map<std::string, std::vector<std::string>> ids_of;  // medewerker uuid → host ids
  for (const auto& p : req.people) {
    if (!is_uuid(p.source_id)) {
      out.emit({{"person", p.id}, {"error", "source_id is not a Somtoday medewerker UUID"}});
      continue;
    }
    ids_of[lower_ascii(p.source_id)].push_back(p.id);
  }
  if (ids_of.empty()) return;
  std::set<std::string> wanted;
  for (const auto& [uuid, ids] : ids_of) wanted.insert(uuid);

  const auto range = weeks_between(req.from, req.to, settings.timetable_weeks);
  if (range.read_until < req.to) {
    host.info("somtoday: busy times read until " + lobsync::sdk::format_utc_instant(range.read_until) +
              " (timetable_weeks " + std::to_string(settings.timetable_weeks) + "); later lessons are unknown");
  }

  Staff staff;
  read_staff(client, choose_vestigingen(client, settings), wanted, staff);
  Errors errors;
  for (const auto& uuid : wanted) {
    if (!staff.found.count(uuid)) {
      errors.add(uuid, "not found as a medewerker in the vestigingen this client may read");
    } else if (!staff.with_lesgroepen.count(uuid)) {
      errors.add(uuid, "the medewerker's lesgroepen are not released to this client (veldpermissies)");
    }
  }

  std::set<Lesson> lessons;
  std::vector<std::pair<std::string, std::string>> problems;
  for (const auto& [lesgroep, group] : staff.lesgroepen) {
    const LessonFilter filter{wanted, group.teachers, settings.cancelled_afspraaktypes};
    for (const auto& week : range.weeks) {
      const std::string where = "lesgroep " + lesgroep + " week " + std::to_string(week.number);
      const std::string path = "/connect/vestiging/" + url_encode(group.vestiging) + "/lesgroep/" +
                               url_encode(lesgroep) + "/rooster?weeknummer=" + std::to_string(week.number);
      const auto doc = client.get_if_found(path, "week " + std::to_string(week.number));
      if (!doc) {
        for (const auto& t : group.teachers) errors.add(t, "lesgroep " + lesgroep + " has no rooster (HTTP 404)");
        break;
      }
      auto found = lessons_of_week(*doc, week, filter, where);
      if (!found.wrong_week.empty()) {
        for (const auto& t : group.teachers) errors.add(t, found.wrong_week);
      }
      lessons.insert(found.lessons.begin(), found.lessons.end());
      problems.insert(problems.end(), found.problems.begin(), found.problems.end());
    }
  }

  // A lesson shared by two lesgroepen (a combined class) is one interval: the set dedupes it.
  for (const auto& lesson : lessons) {
    if (lesson.end <= req.from || lesson.start >= req.to) continue;
    for (const auto& id : ids_of[lesson.medewerker]) {
      out.emit({{"person", id},
                {"start", lobsync::sdk::format_utc_instant(lesson.start)},
                {"end", lobsync::sdk::format_utc_instant(lesson.end)}});
    }
  }
  for (const auto& [uuid, message] : problems) {
    for (const auto& id : ids_of[uuid]) out.emit({{"person", id}, {"problem", message}});
  }
  for (const auto& [uuid, message] : errors.all()) {
    for (const auto& id : ids_of[uuid]) out.emit({{"person", id}, {"error", message}});
  }
  host.info("somtoday: busy times of " + std::to_string(wanted.size()) + " medewerkers from " +
            std::to_string(staff.lesgroepen.size()) + " lesgroepen over " + std::to_string(range.weeks.size()) +
            " weeks: " + std::to_string(lessons.size()) + " lessons");
}

}  // namespace somtoday
