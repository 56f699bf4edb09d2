// The student report notice source: the student is sent their personal link once the
// conversation began (not before, not for a missed one, not once written); each parent is asked
// to sign each version of the report, once the mentor's record page exists, until they signed.
#include "records/report_notices.h"

#include "links/key_ring.h"
#include "links/token.h"
#include "messaging/translations.h"

#include "record_fixture.h"

namespace lobsync::records::test::report_notices_test {
namespace {

class ReportNotices : public RecordFixture {
 protected:
  std::vector<notices::Notice> due(Instant now) {
    notices::NoticeContext ctx;
    ctx.config = &config_;
    ctx.school = &school_;
    ctx.zone = zone();
    ctx.now = now;
    ctx.translations = &translations_;
    ctx.store = store_.get();
    ctx.public_url = "https://lob.school.example";
    ctx.link_key = links::current_key(store_->link_keys(), now);
    return report_notices(ctx);
  }
  config::Config config_;
  messaging::Translations translations_ =
      messaging::Translations::load(lobsync::test::source_dir() / "daemon/messaging/translations");
};

TEST_F(ReportNotices, TheStudentGetsTheirLinkOnceTheConversationBegan) {
  EXPECT_TRUE(due(kStart - 1h).empty()) << "not before";
  const auto list = due(kStart + 1h);
  ASSERT_EQ(list.size(), 1u);
  const auto& n = list[0];
  EXPECT_EQ(n.key, "student-report:m-1:src:s1");
  EXPECT_EQ(n.kind, "student_report");
  EXPECT_EQ(n.household, "student:src:s1");
  EXPECT_EQ(n.section.heading, "Schrijf je eigen verslag van je loopbaangesprek");
  ASSERT_TRUE(n.section.link.starts_with("https://lob.school.example/s/"));
  const auto token = n.section.link.substr(std::string("https://lob.school.example/s/").size());
  const auto verified = links::verify(token, links::kStudent, links::secret_lookup(store_->link_keys()), kStart + 1h);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified.claims.subject, "src:s1");
  EXPECT_EQ(*verified.claims.expires, std::chrono::duration_cast<std::chrono::seconds>((kStart + 24h * 60).time_since_epoch()).count());
  EXPECT_TRUE(due(kStart + 24h * 60).empty()) << "the link would have expired";

  store_->meetings().mark_attendance("m-1", store::Attendance::no_show, "src:t1", kStart + 1h);
  EXPECT_TRUE(due(kStart + 2h).empty()) << "a missed conversation gets no report";
}

TEST_F(ReportNotices, ParentsAreAskedToSignEachVersionOnceTheRecordPageExists) {
  store_->student_reports().add_student_report("m-1", "Mijn verslag", {"Open dag"}, kStart + 1h);
  EXPECT_TRUE(due(kStart + 2h).empty()) << "written: no invitation; no record page yet: no parent notice";
  write(kStart + 3h);
  auto list = due(kStart + 4h);
  ASSERT_EQ(list.size(), 1u) << "the parent without an e-mail address gets none";
  EXPECT_EQ(list[0].key, "report:m-1:v1:src:p1");
  EXPECT_EQ(list[0].kind, "report_signoff");
  EXPECT_EQ(list[0].household, "h1");
  EXPECT_EQ(list[0].section.heading, "Sam's report of the career conversation") << "the parent reads English";
  ASSERT_TRUE(list[0].section.link.starts_with("https://lob.school.example/r/"));
  const auto token = list[0].section.link.substr(std::string("https://lob.school.example/r/").size());
  const auto verified = links::verify(token, links::kRecord, links::secret_lookup(store_->link_keys()), kStart + 4h);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified.claims.subject, "rec-1/src:p1");

  store_->signoffs().add_signoff({"report:m-1", 1, "src:p1", "parent", "signed", "", kStart + 5h});
  EXPECT_TRUE(due(kStart + 6h).empty());
  store_->student_reports().add_student_report("m-1", "Aangevuld", {}, kStart + 7h);
  list = due(kStart + 8h);
  ASSERT_EQ(list.size(), 1u) << "a new version asks again";
  EXPECT_EQ(list[0].key, "report:m-1:v2:src:p1");
}

TEST_F(ReportNotices, AnAdultWhoDidNotShareKeepsTheParentsOut) {
  set_birth_date(date::year{2000} / 1 / 1);
  store_->student_reports().add_student_report("m-1", "Van mij", {}, kStart + 1h);
  write(kStart + 2h);
  EXPECT_TRUE(due(kStart + 3h).empty());
  store_->signoffs().set_sharing("rec-1", {true, "src:s1", kStart + 3h});
  EXPECT_EQ(due(kStart + 4h).size(), 1u);
}

}  // namespace
}  // namespace lobsync::records::test::report_notices_test
