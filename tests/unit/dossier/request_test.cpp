// The dossier.push request shape shared by every dossier sink (lobsync/dossier_record.hpp):
// a good record passes, and each broken field is refused with INVALID_ARGUMENT and its path.
#include "dossier_fixture.h"

#include <lobsync/dossier_record.hpp>

namespace lobsync::dossier_test::dossier_request_test {
namespace {

using lobsync::sdk::dossier::check_push_request;
using lobsync::sdk::dossier::parse_utc_instant;

// The error check_push_request throws for `request`, or "" when it passes.
std::string refusal(const json& request) {
  try {
    (void)check_push_request(request);
    return "";
  } catch (const lobsync::sdk::Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_INVALID_ARGUMENT) << e.what();
    return e.what();
  }
}

json with(const std::string& pointer, const json& value) {
  json request = push_request(sample_record());
  request[json::json_pointer(pointer)] = value;
  return request;
}

json without(const std::string& pointer) {
  json request = push_request(sample_record());
  const json::json_pointer at(pointer);
  request[at.parent_pointer()].erase(at.back());
  return request;
}

TEST(DossierRequest, SampleRecordPasses) {
  const json request = push_request(sample_record("r-1", 3));
  const auto push = check_push_request(request);
  EXPECT_EQ(push.idempotency_key, "dossier:r-1:v3");
  EXPECT_EQ(push.record_id, "r-1");
  EXPECT_EQ(push.version, 3);
  EXPECT_EQ(push.student_number, "12345");
  EXPECT_EQ(push.student_key, "src:123");
  EXPECT_EQ(push.record, &request["record"]);
}

TEST(DossierRequest, AStudentsReportHasItsOwnParts) {
  const json request = push_request(sample_student_report());
  const auto push = check_push_request(request);
  EXPECT_TRUE(push.by_student);
  EXPECT_EQ(push.idempotency_key, "dossier:m-91:student:v1");
  EXPECT_FALSE(check_push_request(push_request(sample_record())).by_student) << "no author: the mentor's";
  auto changed = [&](const std::string& pointer, const json& value) {
    json r = request;
    r[json::json_pointer(pointer)] = value;
    return refusal(r);
  };
  EXPECT_EQ(changed("/record/activities", json::array()), "") << "no activities is allowed";
  EXPECT_NE(changed("/record/author", "mentor").find("/record/phases: missing"), std::string::npos) << "a mentor's record needs its phases";
  EXPECT_NE(changed("/record/author", "teacher").find("/record/author: must be mentor or student"), std::string::npos);
  EXPECT_NE(changed("/record/reflection", "").find("/record/reflection: must not be empty"), std::string::npos);
  EXPECT_NE(changed("/record/reflection", 3).find("/record/reflection: must be a string"), std::string::npos);
  EXPECT_NE(changed("/record/activities", "Open dag").find("/record/activities: must be an array"), std::string::npos);
  EXPECT_NE(changed("/record/activities/1", "").find("/record/activities/1: must be a non-empty string"), std::string::npos);
  json no_list = request;
  no_list["record"].erase("activities");
  EXPECT_NE(refusal(no_list).find("/record/activities: missing"), std::string::npos);
}

TEST(DossierRequest, OptionalPartsMayBeMissing) {
  EXPECT_EQ(refusal(without("/record/sign_off")), "");
  EXPECT_EQ(refusal(with("/record/sign_off", {{"signed", false}})), "");
  EXPECT_EQ(refusal(without("/record/student/student_number")), "");
  EXPECT_EQ(refusal(without("/record/student/class")), "");
  EXPECT_EQ(refusal(without("/record/meeting/mentor")), "");
  EXPECT_EQ(refusal(with("/record/meeting/career_phase", "beslissen")), "");
  EXPECT_EQ(refusal(without("/record/language")), "");
  EXPECT_EQ(refusal(without("/record/phases/reflect")), "");
  EXPECT_EQ(refusal(with("/record/previous_version", nullptr)), "");
  EXPECT_EQ(refusal(with("/record/competences", json::array())), "");
  EXPECT_EQ(refusal(with("/record/next_steps", json::array())), "");
  EXPECT_EQ(refusal(without("/record/next_steps/0/due")), "");
  // A newer host may add fields; sinks pass them on.
  EXPECT_EQ(refusal(with("/record/school_year", "2026-2027")), "");
  // Asked only in the conversations about the AanDeBak-garantie: absent is fine, a boolean too.
  EXPECT_EQ(refusal(with("/record/aandebak_discussed", false)), "");
}

struct Broken {
  json request;
  std::string path;  // the JSON pointer the message must name
};

TEST(DossierRequest, EveryBrokenFieldIsNamed) {
  const std::vector<Broken> cases = {
      {json::array(), "request must be a JSON object"},
      {without("/idempotency_key"), "/idempotency_key: missing"},
      {with("/idempotency_key", "dossier:r-7f3a:v2"), "/idempotency_key: must be dossier:"},
      {with("/idempotency_key", 5), "/idempotency_key: must be a string"},
      {with("/record", "r-7f3a"), "/record: must be an object"},
      {with("/record/id", ""), "/record/id: must not be empty"},
      {with("/record/id", "r-1\r\nX-Evil: 1"), "/record/id: must not contain control characters"},
      {with("/record/version", 0), "/record/version"},
      {with("/record/meeting/career_phase", "oriënteren"), "/record/meeting/career_phase: must be one of"},
      {with("/record/meeting/career_phase", 2), "/record/meeting/career_phase: must be one of"},
      {with("/record/version", "1"), "/record/version"},
      {with("/record/previous_version", 1), "/record/previous_version: must be lower than version"},
      {without("/record/student"), "/record/student: missing"},
      {without("/record/student/key"), "/record/student/key: missing"},
      {with("/record/student/name", 42), "/record/student/name: must be a string"},
      {with("/record/student/name", ""), "/record/student/name: must not be empty"},
      {with("/record/meeting", json::array()), "/record/meeting: must be an object"},
      {without("/record/meeting/title"), "/record/meeting/title: missing"},
      {with("/record/meeting/start", "2027-01-11 14:30"), "/record/meeting/start: must be a UTC instant"},
      {with("/record/meeting/start", "2027-01-11T15:30:00+01:00"), "/record/meeting/start"},
      {with("/record/meeting/end", "2027-01-11T14:30:00Z"), "/record/meeting/end: must be after start"},
      {with("/record/phases", "alles"), "/record/phases: must be an object"},
      {with("/record/phases/look_back", 3), "/record/phases/look_back: must be a string"},
      {with("/record/phases/dream", "x"), "/record/phases/dream: unknown phase"},
      {without("/record/competences"), "/record/competences: missing"},
      {with("/record/competences/2", "flying"), "/record/competences/2: must be one of"},
      {with("/record/competences/1", "reflection_on_motives"), "/record/competences/1: repeats"},
      {with("/record/next_steps", json::object()), "/record/next_steps: must be an array"},
      {with("/record/next_steps/1", "bellen"), "/record/next_steps/1: must be an object"},
      {with("/record/next_steps/0/what", ""), "/record/next_steps/0/what: must not be empty"},
      {with("/record/next_steps/1/owner", "teacher"), "/record/next_steps/1/owner: must be one of"},
      {with("/record/next_steps/0/due", "2027-02-30"), "/record/next_steps/0/due: must be a date"},
      {with("/record/attended/1", "grandparent"), "/record/attended/1"},
      {with("/record/home_assignment_discussed", "ja"), "/record/home_assignment_discussed: must be true or false"},
      {without("/record/home_assignment_discussed"), "/record/home_assignment_discussed: missing"},
      {with("/record/aandebak_discussed", "ja"), "/record/aandebak_discussed: must be true or false"},
      {without("/record/sign_off/at"), "/record/sign_off/at: missing"},
      {with("/record/sign_off/by", "mentor"), "/record/sign_off/by: must be parent or student"},
      {with("/record/sign_off/signed", "yes"), "/record/sign_off/signed: must be true or false"},
      {without("/record/written_by"), "/record/written_by: missing"},
      {with("/record/final_at", "2027-01-11T25:00:00Z"), "/record/final_at: must be a UTC instant"},
      {with("/record/language", "nl\"><script>"), "/record/language"},
  };
  for (const auto& c : cases) {
    const std::string message = refusal(c.request);
    EXPECT_TRUE(contains(message, c.path)) << "expected '" << c.path << "' in '" << message << "' for "
                                           << c.request.dump();
  }
}

TEST(DossierRequest, UtcInstantsAreStrict) {
  EXPECT_EQ(parse_utc_instant("2027-03-28T01:00:00Z")->time_since_epoch().count(), 1806195600);
  EXPECT_TRUE(parse_utc_instant("2028-02-29T23:59:59Z"));
  for (const char* bad : {"", "2027-03-28", "2027-03-28T01:00:00", "2027-03-28T01:00:00.000Z", "2027-03-28t01:00:00z",
                          "2027-02-29T10:00:00Z", "2027-03-28T24:00:00Z", "2027-03-28T01:60:00Z", "2027-03-28T1:00:00Z",
                          "2027-03-28T01:00:00+00:00"}) {
    EXPECT_FALSE(parse_utc_instant(bad)) << bad;
  }
}

}  // namespace
}  // namespace lobsync::dossier_test::dossier_request_test
