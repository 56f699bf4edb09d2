#include "selfservice/records_api.h"

#include "app/services.h"
#include "core/iso_time.h"
#include "core/log.h"
#include "planning/school_loader.h"
#include "records/api_token.h"
#include "records/record_check.h"
#include "selfservice/coverage_api.h"

#include <nlohmann/json.hpp>
#include <openssl/rand.h>

#include <array>
#include <optional>
#include <stdexcept>

namespace lobsync::selfservice {
namespace {

using nlohmann::json;

std::optional<std::string_view> bearer_token(const http::Request& request) {
  const auto it = request.headers.find("authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (it == request.headers.end()) return std::nullopt;
  const std::string_view value = it->second;
  if (value.size() <= kScheme.size() || value.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  return value.substr(kScheme.size());
}

// The staff key of the mentor whose active token the request carries. The store is asked for
// the token's hash: the token itself is never stored, compared or logged.
std::optional<std::string> mentor_of_request(store::Store& store, const http::Request& request) {
  const auto token = bearer_token(request);
  if (!token) return std::nullopt;
  return store.records().api_token_staff(records::api_token_hash(*token));
}

http::Response unauthorized() {
  auto r = http::Response::error(401, "a valid bearer token is required (lobsync tokens issue)");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"lobsync\"");
  return r;
}

std::string new_record_id() {
  std::array<unsigned char, 12> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("cannot create a record id: the system has no random bytes to give");
  std::string hex;
  static constexpr char kDigits[] = "0123456789abcdef";
  for (const unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return "rec-" + hex;
}

json record_json(const store::StoredRecord& record) {
  json versions = json::array();
  for (const auto& v : record.versions)
    versions.push_back({{"version", v.version}, {"created_at", iso_utc(v.created_at)}, {"body", v.body}});
  return {{"id", record.id},
          {"meeting", record.meeting},
          {"type", record.type},
          {"versions", versions},
          {"sign_off", {{"signed", false}}}};
}

}  // namespace

http::Response submit_record(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  auto& store = s->store();
  const auto mentor = mentor_of_request(store, request);
  if (!mentor) return unauthorized();
  const auto& meeting_id = request.params.at("id");
  const auto meeting = store.meetings().meeting(meeting_id);
  if (!meeting) return http::Response::error(404, "no such meeting");
  if (meeting->mentor != *mentor) return http::Response::error(403, "only the meeting's mentor may write its record");
  if (!meeting->active()) return http::Response::error(409, "the meeting was cancelled");

  const auto checked = records::check_record(request.body);
  if (checked.status == 400) return http::Response::json(400, records::errors_json("the record is not a JSON object", checked.errors));
  if (checked.status == 422) return http::Response::json(422, records::errors_json("the record is not valid", checked.errors));

  const auto now = s->clock().now();
  const auto written = store.records().add_record_version(meeting->id, new_record_id(), checked.body, now);
  store.audit(*mentor, "record.submit", "meeting:" + meeting->id, {{"record", written.id}, {"version", written.version}},
              now);
  log::info("records: {} version {} stored for meeting {}", written.id, written.version, meeting->id);
  auto r = http::Response::json(201, {{"id", written.id}, {"version", written.version}});
  r.headers.emplace_back("Location", "/api/v1/students/" + meeting->student + "/records");
  return r;
}

http::Response student_records(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  auto& store = s->store();
  const auto& student_key = request.params.at("id");
  const auto& admin_token = s->config().http.admin_token;
  const bool admin = !admin_token.empty() && bearer_matches(request, admin_token);
  const auto school = planning::load_school(store.roster());
  const auto student = school.students.find(student_key);
  if (!admin) {
    const auto mentor = mentor_of_request(store, request);
    if (!mentor) return unauthorized();
    // Unknown students get 403 too, so a token does not reveal who is on the roster.
    if (student == school.students.end() || school.mentor_of(student->second) != *mentor)
      return http::Response::error(403, "only the student's mentor may read these records");
  }
  auto records = store.records().student_records(student_key);
  if (records.empty() && student == school.students.end()) return http::Response::error(404, "no such student");
  json list = json::array();
  for (const auto& record : records) list.push_back(record_json(record));
  return http::Response::json(200, {{"student", student_key}, {"records", list}});
}

}  // namespace lobsync::selfservice
