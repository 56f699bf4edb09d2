// The mentor's call list: parents and students without an address, parents and students whose
// mail went dead, and parents of still-unconfirmed meetings who were written to; the hook for
// other signs of response.
#include "notices/call_list.h"

#include "notices/digest.h"
#include "notices/meeting_reminders.h"

#include "notices_fixture.h"

#include <lobsync/household.hpp>

namespace lobsync::notices::test::call_list_test {
namespace {

class CallList : public NoticesFixture {
 protected:
  // Students have an address unless a test says otherwise (the fixture's have none).
  domain::Meeting meeting(const std::string& id, const std::string& student, Instant start,
                          const std::string& status = domain::kPlanned, bool student_has_email = true) {
    auto m = NoticesFixture::meeting(id, student, start, status);
    for (auto& p : m.participants)
      if (p.role == "student" && student_has_email) p.email = student + "@leerling.example";
    return m;
  }
  std::vector<CallEntry> list(RespondedFn responded = {}) {
    return call_list("t1", {&school_, store_.get(), clock_.now(), 7, std::move(responded)});
  }
  // Queues an invitation as planning does and lets it end in `state` ("sent" or "dead").
  void invitation(const domain::Meeting& m, const std::string& parent, std::string_view state) {
    const auto key = "invite:" + m.id + ":" + std::to_string(m.sequence) + ":" + sdk::fnv1a_hex(parent);
    store_->outbox().enqueue(key, "mail", "mail.send", nlohmann::json::object(), clock_.now());
    const auto claimed = store_->outbox().claim("mail", 10, clock_.now(), std::chrono::minutes(5));
    for (const auto& item : claimed) {
      if (state == "dead") store_->outbox().mark_dead(item.claim(), "550 no such user");
      else store_->outbox().mark_sent(item.claim(), clock_.now());
    }
  }
};

TEST_F(CallList, ParentWithoutEmail) {
  save(meeting("m3", "s3", local(kMonday, 15) + 48h));
  const auto entries = list();
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.meeting, "m3");
  EXPECT_EQ(e.type, "parents");
  EXPECT_EQ(e.student_name, "Lotte Bakker");
  EXPECT_EQ(e.role, "parent");
  EXPECT_EQ(e.person_key, "p3");
  EXPECT_EQ(e.person_name, "Bakker");
  EXPECT_EQ(e.phone, "+31 6 8765 4321");
  EXPECT_EQ(e.reasons, std::vector<std::string>{"no_email"});
  const auto j = to_json("t1", entries);
  EXPECT_EQ(j["mentor"], "t1");
  EXPECT_EQ(j["entries"][0]["start"], "2026-11-25T14:00:00Z");
  EXPECT_EQ(j["entries"][0]["reasons"], nlohmann::json::array({"no_email"}));
  EXPECT_EQ(j["entries"][0]["phone"], "+31 6 8765 4321");
}

TEST_F(CallList, StudentWithoutEmailIsListedWithTheirPhoneWhereKnown) {
  school_.students["s3"].phone = "+31 6 5555 0303";
  save(meeting("m3", "s3", local(kMonday, 15) + 48h, domain::kPlanned, /*student_has_email=*/false));
  save(meeting("m1", "s1", local(kMonday, 15) + 72h, domain::kConfirmed, /*student_has_email=*/false));
  const auto entries = list();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].role, "parent");
  EXPECT_EQ(entries[0].person_key, "p3");
  const auto& lotte = entries[1];
  EXPECT_EQ(lotte.meeting, "m3");
  EXPECT_EQ(lotte.role, "student");
  EXPECT_EQ(lotte.person_key, "s3");
  EXPECT_EQ(lotte.person_name, "Lotte Bakker");
  EXPECT_EQ(lotte.phone, "+31 6 5555 0303");
  EXPECT_EQ(lotte.reasons, std::vector<std::string>{"no_email"});
  // Zoë has neither an address nor a number in the roster: still on the list, to ask in class.
  const auto& zoe = entries[2];
  EXPECT_EQ(zoe.meeting, "m1");
  EXPECT_EQ(zoe.role, "student");
  EXPECT_EQ(zoe.phone, "");
  EXPECT_EQ(zoe.reasons, std::vector<std::string>{"no_email"});

  const auto j = to_json("t1", entries);
  EXPECT_EQ(j["entries"][1]["role"], "student");
  EXPECT_EQ(j["entries"][1]["name"], "Lotte Bakker");
  EXPECT_EQ(j["entries"][1]["key"], "s3");
  EXPECT_EQ(j["entries"][1]["phone"], "+31 6 5555 0303");
  EXPECT_FALSE(j["entries"][1].contains("parent"));
  EXPECT_EQ(j["entries"][0]["parent"], "Bakker");
  EXPECT_EQ(j["entries"][0]["parent_key"], "p3");
}

TEST_F(CallList, AStudentsDeadMailIsListedButNotTheirSilence) {
  const auto m = meeting("m1", "s1", local(kMonday, 15) + 48h);
  save(m);
  invitation(m, "s1", "dead");
  const auto other = meeting("m2", "s2", local(kMonday, 15) + 72h);
  save(other);
  invitation(other, "s2", "sent");  // written to and silent: confirming is the parents' part
  auto entries = list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].meeting, "m1");
  EXPECT_EQ(entries[0].role, "student");
  EXPECT_EQ(entries[0].reasons, std::vector<std::string>{"mail_failed"});
}

TEST_F(CallList, DeadMailAndNoResponse) {
  const auto m = meeting("m1", "s1", local(kMonday, 15) + 48h);
  save(m);
  EXPECT_TRUE(list().empty()) << "nothing was sent yet: nothing to chase";
  invitation(m, "p1", "dead");
  auto entries = list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].reasons, std::vector<std::string>{"mail_failed"});
  EXPECT_EQ(entries[0].phone, "+31 6 1234 5678");
}

TEST_F(CallList, WrittenToButNotConfirmed) {
  const auto m = meeting("m1", "s1", local(kMonday, 15) + 48h);
  save(m);
  invitation(m, "p1", "sent");
  const auto entries = list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].reasons, std::vector<std::string>{"no_response"});
  // Another sign of response (e.g. a home assignment marked done) takes them off the list.
  EXPECT_TRUE(list([](const domain::Meeting&, const domain::Participant& p) { return p.key == "p1"; }).empty());
}

TEST_F(CallList, ADigestCountsAsWrittenTo) {
  save(meeting("m1", "s1", local(kMonday, 15) + 48h));
  ASSERT_EQ(run_digest(context(), {meeting_reminders}, {}).digests, 2u);  // the student's and the parent's
  EXPECT_TRUE(list().empty()) << "queued, not delivered yet";
  const auto claimed = store_->outbox().claim("mail", 10, clock_.now(), std::chrono::minutes(5));
  ASSERT_EQ(claimed.size(), 2u);
  for (const auto& item : claimed) store_->outbox().mark_sent(item.claim(), clock_.now());
  const auto entries = list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].role, "parent");
  EXPECT_EQ(entries[0].reasons, std::vector<std::string>{"no_response"});
}

TEST_F(CallList, ConfirmedFarAwayStartedOrOtherMentorsMeetingsAreLeftOut) {
  auto confirmed = meeting("m1", "s1", local(kMonday, 15) + 48h, domain::kConfirmed);
  save(confirmed);
  invitation(confirmed, "p1", "sent");
  save(meeting("m2", "s2", local(kMonday, 15) + 8 * 24h));   // beyond call_list_days
  save(meeting("m3", "s3", local(kMonday, 9)));              // started
  auto other = meeting("m4", "s3", local(kMonday, 15) + 48h);
  other.mentor = "t2";
  save(other);
  save(meeting("m5", "s3", local(kMonday, 15) + 48h, domain::kCancelled));
  EXPECT_TRUE(list().empty());
}

TEST_F(CallList, SortedByStart) {
  save(meeting("m3", "s3", local(kMonday, 15) + 72h));
  const auto m = meeting("m1", "s1", local(kMonday, 15) + 24h);
  save(m);
  invitation(m, "p1", "dead");
  const auto entries = list();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].meeting, "m1");
  EXPECT_EQ(entries[1].meeting, "m3");
}

}  // namespace
}  // namespace lobsync::notices::test::call_list_test
