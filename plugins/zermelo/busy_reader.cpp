#include "busy_reader.hpp"

#include "appointments.hpp"
#include "portal_client.hpp"

#include <lobsync/busy_request.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace zermelo {

namespace {

using lobsync::sdk::BusyPerson;
using lobsync::sdk::UtcSeconds;
using nlohmann::json;

// An appointment that began before the window's start still overlaps it: Zermelo selects by
// start time, so the first part reaches back a day.
constexpr auto kLookBack = std::chrono::hours(24);

// The Zermelo user code of a person (`code`), or why there is none (`why`).
struct Code {
  std::string code;
  std::string why;
};

Code code_of(const BusyPerson& p, const Settings& settings) {
  for (const std::string& key : {lower_ascii(p.email), lower_ascii(p.abbreviation)}) {
    if (key.empty()) continue;
    if (const auto it = settings.codes.find(key); it != settings.codes.end()) return {lower_ascii(it->second), {}};
  }
  if (p.abbreviation.empty()) {
    return {{}, "no abbreviation (teacher code) to look up in Zermelo; add it in the SIS, or map the e-mail address in "
                "the codes setting"};
  }
  if (!is_user_code(p.abbreviation)) {
    return {{}, "the abbreviation \"" + p.abbreviation + "\" is not a Zermelo user code; map it in the codes setting"};
  }
  return {lower_ascii(p.abbreviation), {}};
}

using Interval = std::pair<UtcSeconds, UtcSeconds>;

struct Found {
  std::map<std::string, std::set<Interval>> busy;                    // code → intervals
  std::map<std::string, std::vector<std::string>> problems;          // code → messages
  std::map<std::string, std::string> errors;                         // code → first error
  std::size_t requests = 0;
};

void take(const PortalClient& client, const Query& query, const Reply& reply, const Settings& settings, Found& found) {
  const std::string where = PortalClient::describe(query);
  auto fail = [&](const std::string& message) {
    for (const auto& code : query.codes) found.errors.emplace(code, client.redacted(message));
  };
  if (reply.status == 404 && query.codes.size() == 1) {
    fail("Zermelo knows no user \"" + query.codes[0] + "\" (HTTP 404)");
    return;
  }
  if (reply.status != 200) {
    fail(where + ": " + reply.detail);
    return;
  }
  const Answer answer = read_appointments(reply.body, settings.free_types);
  if (!answer.error.empty()) {
    fail(where + ": " + answer.error);
    return;
  }
  for (const auto& p : answer.problems) {
    for (const auto& code : query.codes) found.problems[code].push_back(where + ": " + p);
  }
  for (const auto& a : answer.busy) {
    if (query.codes.size() == 1) {
      // The user's own schedule: every appointment in it is theirs.
      found.busy[query.codes[0]].insert({a.start, a.end});
      continue;
    }
    if (!a.teachers) {
      for (const auto& code : query.codes) {
        found.problems[code].push_back(where + ": an appointment without teachers cannot be attributed; skipped");
      }
      continue;
    }
    for (const auto& t : *a.teachers) {
      if (std::find(query.codes.begin(), query.codes.end(), t) != query.codes.end()) found.busy[t].insert({a.start, a.end});
    }
  }
}

}  // namespace

void read_busy(const lobsync::sdk::Host& host, const Settings& settings, const json& request, lobsync::sdk::Emitter& out) {
  const auto req = lobsync::sdk::parse_busy_request(request);
  std::map<std::string, std::vector<std::string>> ids_of;  // code → host ids
  for (const auto& p : req.people) {
    const Code code = code_of(p, settings);
    if (code.code.empty()) {
      out.emit({{"person", p.id}, {"error", code.why}});
      continue;
    }
    ids_of[code.code].push_back(p.id);
  }
  if (ids_of.empty()) return;

  const PortalClient client(host, settings, host.secret(settings.token));
  std::vector<std::string> codes;
  for (const auto& [code, ids] : ids_of) codes.push_back(code);
  const auto step = std::chrono::days(settings.days_per_request);
  const auto batch = static_cast<std::size_t>(settings.teachers_per_request);

  Found found;
  for (std::size_t first = 0; first < codes.size(); first += batch) {
    Query query;
    query.codes.assign(codes.begin() + static_cast<std::ptrdiff_t>(first),
                       codes.begin() + static_cast<std::ptrdiff_t>(std::min(codes.size(), first + batch)));
    for (UtcSeconds start = req.from - kLookBack; start < req.to; start += step) {
      query.start = start;
      query.end = std::min<UtcSeconds>(start + step, req.to);
      const Reply reply = client.appointments(query);
      ++found.requests;
      take(client, query, reply, settings, found);
      // One failed part is enough to know: this teacher's busy times are incomplete.
      if (std::all_of(query.codes.begin(), query.codes.end(), [&](const auto& c) { return found.errors.count(c) > 0; })) break;
    }
  }

  std::size_t intervals = 0;
  for (const auto& [code, ids] : ids_of) {
    for (const auto& [start, end] : found.busy[code]) {
      if (end <= req.from || start >= req.to) continue;
      ++intervals;
      for (const auto& id : ids) {
        out.emit({{"person", id},
                  {"start", lobsync::sdk::format_utc_instant(start)},
                  {"end", lobsync::sdk::format_utc_instant(end)}});
      }
    }
    for (const auto& message : found.problems[code]) {
      for (const auto& id : ids) out.emit({{"person", id}, {"problem", message}});
    }
    if (const auto it = found.errors.find(code); it != found.errors.end()) {
      for (const auto& id : ids) out.emit({{"person", id}, {"error", it->second}});
    }
  }
  host.info("zermelo: busy times of " + std::to_string(codes.size()) + " teachers in " + std::to_string(found.requests) +
            " requests: " + std::to_string(intervals) + " intervals, " + std::to_string(found.errors.size()) +
            " teachers not read");
}

}  // namespace zermelo
