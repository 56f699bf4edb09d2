#include "selfservice/records_api.h"

#include "app/services.h"
#include "core/iso_time.h"
#include "domain/leads.h"
#include "http/target.h"
#include "records/record_case.h"
#include "records/record_check.h"
#include "records/dossier_request.h"
#include "selfservice/coverage_api.h"
#include "selfservice/mentor_auth.h"
#include "selfservice/record_submit.h"

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace lobsync::selfservice {
namespace {

using nlohmann::json;

// The student's mentors and whoever else the policy lets lead their conversations (a decaan).
bool may_lead(const domain::School& school, const domain::Policy& policy, const domain::Student& student,
              const std::string& staff) {
  const auto leads = domain::possible_leads(school, policy, student);
  return std::find(leads.begin(), leads.end(), staff) != leads.end();
}

json sign_off_json(const records::VersionSignOff& s, const domain::Meeting* meeting) {
  auto name_of = [&](const std::string& key) {
    if (meeting)
      for (const auto& p : meeting->participants)
        if (p.key == key) return p.name;
    return std::string();
  };
  json views = json::array();
  for (const auto& v : s.parent_views)
    views.push_back({{"participant", v.participant}, {"name", name_of(v.participant)}, {"text", v.text}, {"at", iso_utc(v.at)}});
  json out = {{"signed", s.is_signed}, {"parent_views", views}};
  if (s.is_signed && s.at) {
    out["by"] = s.by;
    out["signer"] = s.signer;
    out["signer_name"] = name_of(s.signer);
    out["at"] = iso_utc(*s.at);
  }
  return out;
}

// Pushed: queued for the dossier and delivered to every sink it was queued for.
bool pushed(store::Store& store, const std::vector<store::DossierQueued>& queued, const std::string& id, int version) {
  for (const auto& q : queued) {
    if (q.version != version) continue;
    for (const auto& sink : q.sinks) {
      const auto item = store.outbox().outbox_item(records::dossier_idempotency_key(id, version) + "@" + sink);
      if (!item || item->state != store::kOutboxSent) return false;
    }
    return true;
  }
  return false;
}

json record_json(store::Store& store, const store::StoredRecord& record, const domain::School& school,
                 const date::time_zone* zone) {
  const auto found = records::load_case(store, record, school, zone);
  const auto signoffs = store.signoffs().signoffs(record.id);
  const bool adult = found && found->adult;
  const auto* meeting = found ? &found->meeting : nullptr;
  const auto queued = store.signoffs().dossier_queued(record.id);
  json versions = json::array();
  json latest = json::object();
  for (const auto& v : record.versions) {
    latest = sign_off_json(records::signoff_of(signoffs, v.version, adult), meeting);
    versions.push_back({{"version", v.version},
                        {"created_at", iso_utc(v.created_at)},
                        {"body", v.body},
                        {"sign_off", latest},
                        {"pushed", pushed(store, queued, record.id, v.version)}});
  }
  json out = {{"id", record.id},
              {"meeting", record.meeting},
              {"type", record.type},
              {"versions", versions},
              {"sign_off", latest}};  // the latest version's
  if (found && found->adult) out["shared_with_parents"] = found->parents_may_see();
  return out;
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
  // Written in advance, a record would count a conversation as held that has not taken place.
  if (meeting->start > s->clock().now())
    return http::Response::error(409, "the meeting has not started yet; its record can be written once it has begun");

  const auto checked = records::check_record(request.body);
  if (checked.status == 400) return http::Response::json(400, records::errors_json("the record is not a JSON object", checked.errors));
  if (checked.status == 422) return http::Response::json(422, records::errors_json("the record is not valid", checked.errors));

  const auto written = store_record(*s, *meeting, *mentor, checked.body);
  auto r = http::Response::json(201, {{"id", written.id}, {"version", written.version}});
  // Escaped: a roster key may hold characters a URL cannot carry as they are.
  r.headers.emplace_back("Location", "/api/v1/students/" + http::percent_encode(meeting->student) + "/records");
  return r;
}

http::Response student_records(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  auto& store = s->store();
  const auto& student_key = request.params.at("id");
  const auto& admin_token = s->config().http.admin_token;
  const bool admin = !admin_token.empty() && bearer_matches(request, admin_token);
  const auto school_model = s->school();
  const auto& school = *school_model;
  const auto student = school.students.find(student_key);
  if (!admin) {
    const auto mentor = mentor_of_request(store, request);
    if (!mentor) return unauthorized();
    // Unknown students get 403 too, so a token does not reveal who is on the roster.
    if (student == school.students.end() || !may_lead(school, s->config().planning, student->second, *mentor))
      return http::Response::error(403, "only the student's mentor (or who leads their conversations) may read these records");
  }
  auto records = store.records().student_records(student_key);
  if (records.empty() && student == school.students.end()) return http::Response::error(404, "no such student");
  json list = json::array();
  const auto* zone = s->zone();
  for (const auto& record : records) list.push_back(record_json(store, record, school, zone));
  return http::Response::json(200, {{"student", student_key}, {"records", list}});
}

}  // namespace lobsync::selfservice
