// The dossier.push request built from a record case passes the SDK's own check
// (check_push_request), carries the sign-off, and leaves parents' views out when an adult
// student did not share the record.
#include "records/dossier_request.h"
#include "records/record_case.h"

#include "record_fixture.h"

#include <lobsync/dossier_record.hpp>

namespace lobsync::records::test::dossier_request_test {
namespace {

class RecordsDossierRequest : public RecordFixture {};

TEST_F(RecordsDossierRequest, ASignedVersionPassesTheSdkCheck) {
  write(kStart + 1h);
  store_->signoffs().add_signoff({"rec-1", 1, "src:p1", "parent", "signed", "", kStart + 2h});
  store_->signoffs().add_signoff({"rec-1", 1, "src:p1", "parent", "view", "Sam wil de zorg in", kStart + 2h});
  const auto c = load_case(*store_, "rec-1", school_, zone());
  ASSERT_TRUE(c);
  const auto final = finality(c->signoff(1), c->meeting.end, 7, kStart + 3h);
  ASSERT_TRUE(final);
  const auto request = dossier_request(*c, school_, *final, {"Loopbaangesprek met ouders", "verkennen"});
  const auto checked = sdk::dossier::check_push_request(request);
  EXPECT_EQ(checked.idempotency_key, "dossier:rec-1:v1");
  EXPECT_EQ(checked.student_number, "12345");
  const auto& r = request["record"];
  EXPECT_TRUE(r["previous_version"].is_null());
  EXPECT_EQ(r["student"], nlohmann::json({{"key", "src:s1"}, {"student_number", "12345"}, {"name", "Sam Visser"}, {"class", "3H"}}));
  EXPECT_EQ(r["meeting"]["title"], "Loopbaangesprek met ouders");
  EXPECT_EQ(r["meeting"]["start"], "2026-11-18T11:06:40Z");
  EXPECT_EQ(r["meeting"]["mentor"], "Anna Jansen");
  EXPECT_EQ(r["meeting"]["career_phase"], "verkennen");
  EXPECT_EQ(r["sign_off"], nlohmann::json({{"signed", true}, {"by", "parent"}, {"at", "2026-11-18T13:06:40Z"},
                                           {"parent_view", "Sam wil de zorg in"}}));
  EXPECT_EQ(r["final_at"], "2026-11-18T13:06:40Z");
  EXPECT_EQ(r["written_by"], "Anna Jansen");
  EXPECT_EQ(r["phases"]["look_back"], "Stage <b>bij</b> de bakker") << "as written";
  EXPECT_EQ(r["language"], "nl");
  EXPECT_FALSE(r.contains("aandebak_discussed")) << "not asked in this conversation: not sent";
}

TEST_F(RecordsDossierRequest, TheAanDeBakAnswerGoesWithTheRecord) {
  auto body = record_body();
  body["aandebak_discussed"] = false;
  store_->records().add_record_version("m-1", "rec-1", body, kStart + 1h);
  const auto c = load_case(*store_, "rec-1", school_, zone());
  ASSERT_TRUE(c);
  const auto request = dossier_request(*c, school_, {"deadline", kStart + 24h * 8}, {"Profielkeuze", "verkennen"});
  EXPECT_NO_THROW(sdk::dossier::check_push_request(request));
  EXPECT_EQ(request["record"]["aandebak_discussed"], false);
}

TEST_F(RecordsDossierRequest, AnEditNamesItsPreviousVersionAndAnUnsignedOneIsFinalByDeadline) {
  write(kStart + 1h);
  write(kStart + 5h);
  const auto c = load_case(*store_, "rec-1", school_, zone());
  ASSERT_TRUE(c);
  EXPECT_FALSE(finality(c->signoff(2), c->meeting.end, 7, kStart + 24h));
  const auto final = finality(c->signoff(2), c->meeting.end, 7, kStart + 24h * 8);
  ASSERT_TRUE(final);
  const auto request = dossier_request(*c, school_, *final, {"Loopbaangesprek met ouders", ""});
  EXPECT_NO_THROW(sdk::dossier::check_push_request(request));
  EXPECT_EQ(request["idempotency_key"], "dossier:rec-1:v2");
  EXPECT_EQ(request["record"]["previous_version"], 1);
  EXPECT_EQ(request["record"]["sign_off"], nlohmann::json({{"signed", false}}));
  EXPECT_FALSE(request["record"]["meeting"].contains("career_phase")) << "no phase known: none sent";
}

TEST_F(RecordsDossierRequest, AnAdultWhoDidNotShareKeepsParentsViewsOut) {
  set_birth_date(date::year{2000} / 1 / 1);
  write(kStart + 1h);
  store_->signoffs().add_signoff({"rec-1", 1, "src:p1", "parent", "view", "Onze visie", kStart + 2h});
  store_->signoffs().set_sharing("rec-1", {false, "src:s1", kStart + 3h});
  auto c = load_case(*store_, "rec-1", school_, zone());
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->adult);
  const Finality final{"deadline", kStart + 24h};
  auto request = dossier_request(*c, school_, final, {"t", ""});
  EXPECT_NO_THROW(sdk::dossier::check_push_request(request));
  EXPECT_FALSE(request["record"]["sign_off"].contains("parent_view"));
  store_->signoffs().set_sharing("rec-1", {true, "src:s1", kStart + 4h});
  c = load_case(*store_, "rec-1", school_, zone());
  request = dossier_request(*c, school_, final, {"t", ""});
  EXPECT_EQ(request["record"]["sign_off"]["parent_view"], "Onze visie");
}

TEST_F(RecordsDossierRequest, AStudentWhoLeftTheRosterIsStillNamed) {
  write(kStart + 1h);
  school_.students.clear();
  const auto c = load_case(*store_, "rec-1", school_, zone());
  ASSERT_TRUE(c);
  const auto request = dossier_request(*c, school_, {"deadline", kStart + 24h}, {"t", ""});
  EXPECT_NO_THROW(sdk::dossier::check_push_request(request));
  EXPECT_EQ(request["record"]["student"]["name"], "Sam Visser");
  EXPECT_FALSE(request["record"]["student"].contains("student_number"));
}

}  // namespace
}  // namespace lobsync::records::test::dossier_request_test
