// The dossier.push request of a student's own report: its own entry (record id and key apart
// from the mentor's), author "student", the parent's signature when there is one, accepted by
// the SDK's check; the SDK refuses a student's report without its reflection or activities.
// push_final_records queues each final version once, beside the mentor's record, and a signed
// version even when it was edited before the job ran.
#include "records/dossier_push.h"
#include "records/report_case.h"
#include "records/report_dossier.h"

#include "record_fixture.h"

#include <lobsync/dossier_record.hpp>

namespace lobsync::records::test::report_dossier_test {
namespace {

class ReportDossier : public RecordFixture {
 protected:
  void write_report(Instant at, std::vector<std::string> activities = {"Open dag ROC", "Meeloopdag zorg"}) {
    store_->student_reports().add_student_report("m-1", "Het ging <goed>", activities, at);
  }
};

TEST_F(ReportDossier, ASignedVersionIsItsOwnEntryByTheStudent) {
  write_report(kStart + 1h);
  store_->signoffs().add_signoff({"report:m-1", 1, "src:p1", "parent", "signed", "", kStart + 2h});
  const auto c = load_report_case(*store_, "m-1", school_, zone());
  ASSERT_TRUE(c);
  const auto final = report_finality(c->signoff(1), c->latest().created_at, 7, kStart + 3h);
  ASSERT_TRUE(final);
  const auto request = report_dossier_request(*c, school_, *final, {"Loopbaangesprek met ouders", "verdiepen"});
  const auto checked = sdk::dossier::check_push_request(request);
  EXPECT_TRUE(checked.by_student);
  EXPECT_EQ(checked.idempotency_key, "dossier:m-1:student:v1");
  EXPECT_EQ(checked.record_id, "m-1:student");
  const auto& r = request["record"];
  EXPECT_EQ(r["author"], "student");
  EXPECT_EQ(r["written_by"], "Sam Visser");
  EXPECT_EQ(r["reflection"], "Het ging <goed>") << "as written";
  EXPECT_EQ(r["activities"], nlohmann::json({"Open dag ROC", "Meeloopdag zorg"}));
  EXPECT_EQ(r["sign_off"], nlohmann::json({{"signed", true}, {"by", "parent"}, {"at", "2026-11-18T13:06:40Z"}}));
  EXPECT_EQ(r["meeting"]["mentor"], "Anna Jansen");
  EXPECT_EQ(r["student"]["student_number"], "12345");
}

TEST_F(ReportDossier, TheSdkRefusesAStudentsReportWithoutItsParts) {
  write_report(kStart + 1h, {});
  const auto c = load_report_case(*store_, "m-1", school_, zone());
  ASSERT_TRUE(c);
  auto request = report_dossier_request(*c, school_, {"deadline", kStart + 24h * 8}, {"Gesprek", ""});
  EXPECT_NO_THROW(sdk::dossier::check_push_request(request)) << "no activities is allowed";
  auto no_reflection = request;
  no_reflection["record"].erase("reflection");
  EXPECT_THROW(
      {
        try {
          sdk::dossier::check_push_request(no_reflection);
        } catch (const sdk::Error& e) {
          EXPECT_NE(std::string(e.what()).find("/record/reflection: missing"), std::string::npos) << e.what();
          throw;
        }
      },
      sdk::Error);
  auto bad_activity = request;
  bad_activity["record"]["activities"] = {""};
  EXPECT_THROW(sdk::dossier::check_push_request(bad_activity), sdk::Error);
  auto bad_author = request;
  bad_author["record"]["author"] = "parent";
  EXPECT_THROW(sdk::dossier::check_push_request(bad_author), sdk::Error);
  auto mentor_key = request;
  mentor_key["idempotency_key"] = "dossier:m-1:v1";
  EXPECT_THROW(sdk::dossier::check_push_request(mentor_key), sdk::Error) << "the key names the report's own id";
}

TEST_F(ReportDossier, EachFinalVersionIsQueuedOnceBesideTheMentorsRecord) {
  config::Config config;
  config.records.dossier_sinks = {"files"};
  config.records.final_after_days = 7;
  write(kStart + 1h);
  write_report(kStart + 1h);
  store_->signoffs().add_signoff({"rec-1", 1, "src:p1", "parent", "signed", "", kStart + 2h});
  EXPECT_EQ(push_final_records(*store_, config, kStart + 3h, false).queued, 1) << "the report is not signed yet";
  store_->signoffs().add_signoff({"report:m-1", 1, "src:p1", "parent", "signed", "", kStart + 4h});
  const auto second = push_final_records(*store_, config, kStart + 5h, false);
  ASSERT_EQ(second.queued, 1);
  EXPECT_EQ(second.versions[0].record, "m-1:student");
  EXPECT_TRUE(store_->outbox().outbox_item("dossier:m-1:student:v1@files"));
  EXPECT_EQ(push_final_records(*store_, config, kStart + 6h, false).queued, 0) << "never twice";
  write_report(kStart + 24h);
  EXPECT_EQ(push_final_records(*store_, config, kStart + 25h, false).waiting, 1) << "a new version needs a new signature";
  EXPECT_EQ(push_final_records(*store_, config, kStart + 24h * 8 + 1s, false).queued, 1) << "or its deadline";
  EXPECT_TRUE(store_->outbox().outbox_item("dossier:m-1:student:v2@files"));
}

// A parent signed version 1 and an edit followed before the nightly job ran: the signed version
// still lands (its signature is not lost), the new one waits for its own; an unsigned version
// that was edited never lands. The same for the mentor's record and the student's report.
TEST_F(ReportDossier, ASignedVersionEditedBeforeTheJobRanStillLandsAnUnsignedDraftDoesNot) {
  config::Config config;
  config.records.dossier_sinks = {"files"};
  config.records.final_after_days = 7;
  write(kStart + 1h);
  write_report(kStart + 1h);
  store_->signoffs().add_signoff({"rec-1", 1, "src:p1", "parent", "signed", "", kStart + 2h});
  store_->signoffs().add_signoff({"report:m-1", 1, "src:p1", "parent", "signed", "", kStart + 2h});
  write(kStart + 3h);         // rec-1 v2
  write_report(kStart + 3h);  // report v2
  write(kStart + 4h);         // rec-1 v3: v2 was never signed
  write_report(kStart + 4h);

  const auto first = push_final_records(*store_, config, kStart + 5h, false);
  EXPECT_EQ(first.queued, 2);
  EXPECT_EQ(first.waiting, 2) << "both latest versions wait for a signature";
  for (const auto* key : {"dossier:rec-1:v1@files", "dossier:m-1:student:v1@files"})
    EXPECT_TRUE(store_->outbox().outbox_item(key)) << key;

  // A week on the latest versions are final by their deadline; the unsigned drafts never land.
  const auto later = push_final_records(*store_, config, kStart + 24h * 8, false);
  EXPECT_EQ(later.queued, 2);
  for (const auto* key : {"dossier:rec-1:v3@files", "dossier:m-1:student:v3@files"})
    EXPECT_TRUE(store_->outbox().outbox_item(key)) << key;
  for (const auto* key : {"dossier:rec-1:v2@files", "dossier:m-1:student:v2@files"})
    EXPECT_FALSE(store_->outbox().outbox_item(key)) << key;
  EXPECT_EQ(push_final_records(*store_, config, kStart + 24h * 9, false).queued, 0) << "never twice";
}

}  // namespace
}  // namespace lobsync::records::test::report_dossier_test
