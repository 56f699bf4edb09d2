// The record notice source: which parents and adult students are invited to read (and sign or
// decide), in their language, with a link that opens the record; nothing once done.
#include "records/record_notices.h"

#include "links/key_ring.h"
#include "links/token.h"
#include "messaging/translations.h"

#include "record_fixture.h"

namespace lobsync::records::test::record_notices_test {
namespace {

class RecordNotices : public RecordFixture {
 protected:
  std::vector<notices::Notice> due(Instant now, bool links = true) {
    notices::NoticeContext ctx;
    ctx.school = &school_;
    ctx.zone = zone();
    ctx.now = now;
    ctx.translations = &translations_;
    ctx.store = store_.get();
    if (links) {
      ctx.public_url = "https://lob.school.example";
      ctx.link_key = links::current_key(store_->link_keys(), now);
    }
    return record_notices(ctx);
  }
  messaging::Translations translations_ =
      messaging::Translations::load(lobsync::test::source_dir() / "daemon/messaging/translations");
};

TEST_F(RecordNotices, EachParentWithAnAddressIsInvitedUntilTheySigned) {
  EXPECT_TRUE(due(kStart + 2h).empty()) << "no record yet";
  write(kStart + 1h);
  auto list = due(kStart + 2h);
  ASSERT_EQ(list.size(), 1u) << "the parent without an e-mail address gets none; a minor student none";
  const auto& n = list[0];
  EXPECT_EQ(n.key, "record:rec-1:v1:src:p1");
  EXPECT_EQ(n.kind, "record_signoff");
  EXPECT_EQ(n.household, "h1");
  EXPECT_EQ(n.meeting, "m-1");
  EXPECT_EQ(n.student, "src:s1");
  EXPECT_EQ(n.recipient.key, "src:p1");
  EXPECT_EQ(n.section.heading, "Record of Sam's career guidance conversation") << "the parent reads English";
  EXPECT_EQ(n.section.link_label, "Read and sign");
  ASSERT_TRUE(n.section.link.starts_with("https://lob.school.example/r/"));
  const auto token = n.section.link.substr(std::string("https://lob.school.example/r/").size());
  const auto verified = links::verify(token, links::kRecord, links::secret_lookup(store_->link_keys()), kStart + 2h);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified.claims.subject, "rec-1/src:p1");

  store_->signoffs().add_signoff({"rec-1", 1, "src:p1", "parent", "view", "Alleen een visie", kStart + 3h});
  EXPECT_EQ(due(kStart + 4h).size(), 1u) << "a view alone is no signature";
  store_->signoffs().add_signoff({"rec-1", 1, "src:p1", "parent", "signed", "", kStart + 3h});
  EXPECT_TRUE(due(kStart + 4h).empty());

  write(kStart + 5h);
  list = due(kStart + 6h);
  ASSERT_EQ(list.size(), 1u) << "an edit asks again";
  EXPECT_EQ(list[0].key, "record:rec-1:v2:src:p1");
  EXPECT_TRUE(due(kStart + 5h + 24h * 60).empty()) << "the link would have expired";
  EXPECT_TRUE(due(kStart + 6h, false).empty()) << "no links, no notices";
}

TEST_F(RecordNotices, AnAdultStudentDecidesFirst) {
  set_birth_date(date::year{2000} / 1 / 1);
  write(kStart + 1h);
  auto list = due(kStart + 2h);
  ASSERT_EQ(list.size(), 1u) << "parents wait for the student";
  EXPECT_EQ(list[0].key, "record-share:rec-1:v1:src:s1");
  EXPECT_EQ(list[0].kind, "record_share");
  EXPECT_EQ(list[0].recipient.role, "student");
  EXPECT_EQ(list[0].household, "student:src:s1") << "not merged into the parents' digest";
  EXPECT_EQ(list[0].section.heading, "Verslag van je loopbaangesprek");

  store_->signoffs().set_sharing("rec-1", {false, "src:s1", kStart + 3h});
  EXPECT_TRUE(due(kStart + 4h).empty()) << "decided: not shared";
  store_->signoffs().set_sharing("rec-1", {true, "src:s1", kStart + 5h});
  list = due(kStart + 6h);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].key, "record:rec-1:v1:src:p1");
}

}  // namespace
}  // namespace lobsync::records::test::record_notices_test
