// The digest: siblings' reminders to one parent in one message, at most one digest a day, the
// nearest reminder superseding the farther ones, nothing for cancelled or held meetings, quiet
// hours, recipients without an address, dry runs.
#include "notices/digest.h"
#include "notices/digest_message.h"
#include "notices/meeting_reminders.h"

#include "notices_fixture.h"
#include "support/mime_text.h"

namespace lobsync::notices::test::digest_test {
namespace {

class Digest : public NoticesFixture {
 protected:
  DigestReport run(bool dry_run = false) { return run_digest(context(), {meeting_reminders}, {dry_run}); }
  std::string day(date::year_month_day d) { return date::format("%F", date::sys_days{d}); }
  std::optional<store::OutboxItem> digest_for(const std::string& recipient, date::year_month_day d) {
    return store_->outbox().outbox_item("digest:" + recipient + ":" + day(d));
  }
  std::size_t outbox_size() {
    std::size_t n = 0;
    for (const auto& [state, count] : store_->outbox().outbox_counts()) n += static_cast<std::size_t>(count);
    return n;
  }
};

TEST_F(Digest, SiblingsMeetingsReachTheirParentInOneMessage) {
  save(meeting("m1", "s1", local(kMonday, 15) + 72h));
  save(meeting("m2", "s2", local(kMonday, 16) + 48h));
  const auto report = run();
  EXPECT_EQ(report.digests, 1u);
  EXPECT_EQ(report.notices, 2u);
  EXPECT_EQ(report.held_for_quiet_hours, 0u);
  const auto item = digest_for("p1", kMonday);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->channel, "mail");
  EXPECT_EQ(item->operation, "mail.send");
  EXPECT_EQ(item->request["recipients"], nlohmann::json::array({"ozdemir@home.example"}));
  EXPECT_EQ(item->request["from"], "lob@school.example");
  EXPECT_EQ(item->request["idempotency_key"], item->key);
  EXPECT_EQ(item->next_attempt_at, clock_.now()) << "outside quiet hours it goes out now";
  const auto message = item->request["message"].get<std::string>();
  EXPECT_NE(message.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(message.find("<ozdemir@home.example>"), std::string::npos) << message.substr(0, 400);
  EXPECT_EQ(outbox_size(), 1u) << "one message, not one per child";
  const auto sent = store_->notices().sent_notice_keys(
      {reminder_key("m1", 7, "p1"), reminder_key("m2", 7, "p1"), reminder_key("m1", 1, "p1")});
  EXPECT_EQ(sent, (std::set<std::string>{reminder_key("m1", 7, "p1"), reminder_key("m2", 7, "p1")}));
}

TEST_F(Digest, SectionsNameEachChildAndSortByMeetingStart) {
  save(meeting("m1", "s1", local(kMonday, 15) + 72h));
  save(meeting("m2", "s2", local(kMonday, 16) + 48h));
  const auto notices = meeting_reminders(context());
  ASSERT_EQ(notices.size(), 2u);
  for (const auto& n : notices) {
    EXPECT_EQ(n.household, "h1");
    EXPECT_EQ(n.kind, "meeting_reminder");
    EXPECT_EQ(n.about, n.meeting == "m1" ? local(kMonday, 15) + 72h : local(kMonday, 16) + 48h);
    EXPECT_NE(n.section.heading.find(n.meeting == "m1" ? "Zoë" : "Emre"), std::string::npos) << n.section.heading;
    EXPECT_NE(n.section.heading.find("Loopbaangesprek met ouders"), std::string::npos) << "Dutch for an unshipped language";
    EXPECT_TRUE(n.section.link.empty()) << "no public_url configured: no links";
  }
}

TEST_F(Digest, ParentsGetTheirBookingLinkWhenLinksAreConfigured) {
  save(meeting("m1", "s1", local(kMonday, 15) + 72h));
  auto ctx = context();
  ctx.public_url = "https://lob.school.example";
  ctx.link_key = store::LinkKey{1, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", clock_.now()};
  const auto notices = meeting_reminders(ctx);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].section.link.rfind("https://lob.school.example/p/", 0), 0u) << notices[0].section.link;
  EXPECT_EQ(notices[0].section.link_label, "Bevestigen of een ander moment kiezen");
}

TEST_F(Digest, AReminderOfAConversationTheDecaanLeadsCallsThemDecaan) {
  school_.staff["d1"] = {"d1", "Wim", "W", "de", "Vries", "DCN", "w.devries@school.example", ""};
  school_.index_staff();
  school_.students.at("s1").level = "havo";
  config_.planning.decanen["havo"] = {"DCN"};
  auto m = meeting("m1", "s1", local(kMonday, 15) + 72h);
  m.mentor = "d1";
  m.participants.at(0) = {"mentor", "d1", "Wim de Vries", "w.devries@school.example", ""};
  save(m);
  save(meeting("m2", "s2", local(kMonday, 16) + 48h));  // the sibling's, with the mentor
  const auto notices = meeting_reminders(context());
  ASSERT_EQ(notices.size(), 2u);
  for (const auto& n : notices) {
    std::string text;
    for (const auto& p : n.section.paragraphs) text += p + "\n";
    if (n.meeting == "m1") {
      EXPECT_NE(text.find("met de decaan"), std::string::npos) << text;
      EXPECT_NE(text.find("Decaan: Wim de Vries"), std::string::npos) << text;
      EXPECT_EQ(text.find("Mentor:"), std::string::npos) << text;
    } else {
      EXPECT_NE(text.find("Mentor: Anna Jansen"), std::string::npos) << text;
    }
  }
}

TEST_F(Digest, AGuardianOrganisationIsToldWhyItGetsTheDigestAsAnOrganisation) {
  save(meeting("m1", "s1", local(kMonday, 15) + 72h));
  const auto notices = meeting_reminders(context());
  ASSERT_EQ(notices.size(), 1u);
  const domain::Participant to{"parent", "p1", "Stichting Nidos", "voogd@nidos.example", ""};
  const auto as_parent = lobsync::test::decoded_quoted_printable(digest_mail(context(), to, notices, "2026-11-23").request.at("message").get<std::string>());
  EXPECT_NE(as_parent.find("omdat u ouder of verzorger bent"), std::string::npos);

  school_.guardians.at("p1").is_organisation = true;
  const auto mail = lobsync::test::decoded_quoted_printable(digest_mail(context(), to, notices, "2026-11-23").request.at("message").get<std::string>());
  EXPECT_NE(mail.find("omdat uw organisatie voogd is van een leerling"), std::string::npos);
  EXPECT_EQ(mail.find("ouder of verzorger"), std::string::npos);
}

TEST_F(Digest, OneDigestADaySecondRunWaitsUntilTomorrow) {
  save(meeting("m1", "s1", local(kMonday, 15) + 72h));
  EXPECT_EQ(run().digests, 1u);
  // The sibling's meeting is planned in the afternoon: its reminder waits for tomorrow.
  clock_.set(local(kMonday, 15));
  save(meeting("m2", "s2", local(kMonday, 16) + 96h));
  const auto same_day = run();
  EXPECT_EQ(same_day.digests, 0u);
  EXPECT_EQ(same_day.waiting_for_tomorrow, 1u);
  EXPECT_EQ(outbox_size(), 1u);

  clock_.set(local(kMonday, 10) + 24h);
  const auto next_day = run();
  EXPECT_EQ(next_day.digests, 1u);
  EXPECT_EQ(next_day.notices, 1u) << "only the waiting one; m1's 7-day reminder went yesterday";
  EXPECT_TRUE(digest_for("p1", date::year_month_day{date::sys_days{kMonday} + date::days{1}}));
  EXPECT_EQ(run().digests, 0u) << "a third run that day sends nothing";
}

TEST_F(Digest, ADigestAnotherRunQueuedMeanwhileIsSkippedAndItsNoticesWait) {
  save(meeting("m1", "s1", local(kMonday, 15) + 72h));
  // Another run queued p1's digest for today after this run checked (no marks of it yet).
  store_->outbox().enqueue("digest:p1:" + day(kMonday), "mail", "mail.send", {{"message", "theirs"}}, clock_.now());
  const auto report = run();
  EXPECT_EQ(report.digests, 0u);
  EXPECT_EQ(report.notices, 0u);
  EXPECT_EQ(report.waiting_for_tomorrow, 1u);
  EXPECT_EQ(digest_for("p1", kMonday)->request["message"], "theirs") << "the other run's digest is left as it is";
  EXPECT_TRUE(store_->notices().sent_notice_keys({reminder_key("m1", 7, "p1")}).empty())
      << "not marked: the notice goes in a later digest";
}

TEST_F(Digest, DigestsAreWrittenTogetherAndATakenKeySkipsOnlyItsOwnMarks) {
  store_->outbox().enqueue("digest:taken", "mail", "mail.send", {{"message", "theirs"}}, clock_.now());
  const auto write = [&](const std::string& recipient, const std::string& key) {
    return store::DigestWrite{recipient, day(kMonday), {{key + "-notice", "m1"}},
                              {key, "mail", "mail.send", {{"message", "ours " + key}}}, clock_.now()};
  };
  const auto written = store_->notices().record_digests(
      {write("p1", "digest:first"), write("p2", "digest:taken"), write("p3", "digest:last")}, clock_.now());
  EXPECT_EQ(written, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(store_->notices().sent_notice_keys({"digest:first-notice", "digest:taken-notice", "digest:last-notice"}),
            (std::set<std::string>{"digest:first-notice", "digest:last-notice"}));
  EXPECT_EQ(store_->outbox().outbox_item("digest:taken")->request["message"], "theirs");
  EXPECT_EQ(store_->outbox().outbox_item("digest:last")->request["message"], "ours digest:last");
  EXPECT_TRUE(store_->notices().has_digest_on("p3", day(kMonday)));
  EXPECT_FALSE(store_->notices().has_digest_on("p2", day(kMonday)));
}

TEST_F(Digest, TheNearestReminderSupersedesTheFartherOnes) {
  // Planned 20 hours ahead: the 7-day and the 1-day reminder are both due; only the 1-day goes.
  save(meeting("m1", "s1", local(kMonday, 10) + 20h));
  const auto notices = meeting_reminders(context());
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].key, reminder_key("m1", 1, "p1"));
  EXPECT_EQ(notices[0].supersedes, std::vector<std::string>{reminder_key("m1", 7, "p1")});
  EXPECT_EQ(run().notices, 1u);
  EXPECT_EQ(store_->notices().sent_notice_keys({reminder_key("m1", 7, "p1")}).size(), 1u) << "marked, never sent later";
}

TEST_F(Digest, TheSevenDayReminderComesFirstAndTheOneDayOneLater) {
  save(meeting("m1", "s1", local(kMonday, 15) + 6 * 24h));
  auto first = meeting_reminders(context());
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].key, reminder_key("m1", 7, "p1"));
  EXPECT_EQ(run().notices, 1u);
  clock_.set(local(kMonday, 10) + 5 * 24h);  // Saturday: 29 hours before, nothing new yet
  EXPECT_EQ(run().notices, 0u);
  clock_.set(local(kMonday, 16) + 5 * 24h);  // 23 hours before
  const auto later = run();
  EXPECT_EQ(later.notices, 1u);
  EXPECT_EQ(store_->notices().sent_notice_keys({reminder_key("m1", 1, "p1")}).size(), 1u);
}

TEST_F(Digest, NothingForCancelledHeldOrStartedMeetings) {
  save(meeting("m1", "s1", local(kMonday, 15) + 48h, domain::kCancelled));
  save(meeting("m2", "s2", local(kMonday, 15) + 48h, domain::kHeld));
  save(meeting("m3", "s1", local(kMonday, 9)));
  EXPECT_TRUE(meeting_reminders(context()).empty());
  EXPECT_EQ(run().digests, 0u);
  EXPECT_EQ(outbox_size(), 0u);
}

TEST_F(Digest, ConfirmedMeetingsAreRemindedToo) {
  save(meeting("m1", "s1", local(kMonday, 15) + 48h, domain::kConfirmed));
  EXPECT_EQ(meeting_reminders(context()).size(), 1u);
}

TEST_F(Digest, RecipientsWithoutEmailGetNoDigest) {
  save(meeting("m3", "s3", local(kMonday, 15) + 48h));  // Lotte and her parent have no address
  EXPECT_TRUE(meeting_reminders(context()).empty()) << "the reminder source skips them";
  // A source that does hand one in: the digest still writes to nobody without an address.
  NoticeSource unreachable = [](const NoticeContext& ctx) {
    Notice n;
    n.key = "test:unreachable";
    n.recipient = {"parent", "p3", "Bakker", "", ""};
    n.about = ctx.now;
    return std::vector<Notice>{n};
  };
  const auto report = run_digest(context(), {unreachable}, {});
  EXPECT_EQ(report.without_email, 1u);
  EXPECT_EQ(report.digests, 0u);
  EXPECT_EQ(outbox_size(), 0u);
}

TEST_F(Digest, ANoticeSentEarlierDoesNotSilenceWhatItSupersedes) {
  // A home assignment and its reminder: on the first day only the assignment is due; days later
  // the source returns both (the assignment still superseding its reminder) and the reminder
  // must go, because the assignment went out before.
  bool reminder_due = false;
  const NoticeSource assignment_like = [&](const NoticeContext& ctx) {
    Notice first;
    first.key = "test:assignment";
    first.recipient = {"parent", "p1", "Özdemir", "ozdemir@home.example", "nl"};
    first.about = ctx.now + 240h;
    first.section.heading = "Opdracht";
    std::vector<Notice> due{first};
    if (reminder_due) {
      due[0].supersedes = {"test:reminder"};
      Notice reminder = first;
      reminder.key = "test:reminder";
      reminder.supersedes.clear();
      reminder.section.heading = "Herinnering";
      due.push_back(reminder);
    }
    return due;
  };
  EXPECT_EQ(run_digest(context(), {assignment_like}, {}).notices, 1u);
  clock_.set(clock_.now() + 8 * 24h);
  reminder_due = true;
  const auto later = run_digest(context(), {assignment_like}, {});
  EXPECT_EQ(later.notices, 1u) << "the reminder";
  EXPECT_EQ(store_->notices().sent_notice_keys({"test:reminder"}).size(), 1u);
  clock_.set(clock_.now() + 24h);
  EXPECT_EQ(run_digest(context(), {assignment_like}, {}).notices, 0u) << "both sent: nothing more";
}

TEST_F(Digest, BothDueTogetherOnlyTheSupersedingOneGoesAndTheOtherNeverComes) {
  const NoticeSource both = [](const NoticeContext& ctx) {
    Notice first;
    first.key = "test:assignment";
    first.supersedes = {"test:reminder"};
    first.recipient = {"parent", "p1", "Özdemir", "ozdemir@home.example", "nl"};
    first.about = ctx.now + 24h;
    Notice reminder = first;
    reminder.key = "test:reminder";
    reminder.supersedes.clear();
    return std::vector<Notice>{first, reminder};
  };
  EXPECT_EQ(run_digest(context(), {both}, {}).notices, 1u);
  EXPECT_EQ(store_->notices().sent_notice_keys({"test:assignment", "test:reminder"}).size(), 2u);
  clock_.set(clock_.now() + 24h);
  EXPECT_EQ(run_digest(context(), {both}, {}).notices, 0u);
}

TEST_F(Digest, ADryRunCountsButWritesNothing) {
  save(meeting("m1", "s1", local(kMonday, 15) + 48h));
  const auto dry = run(true);
  EXPECT_TRUE(dry.dry_run);
  EXPECT_EQ(dry.digests, 1u);
  EXPECT_EQ(outbox_size(), 0u);
  EXPECT_TRUE(store_->notices().sent_notice_keys({reminder_key("m1", 7, "p1")}).empty());
  EXPECT_EQ(run().digests, 1u) << "the real run still sends it";
}

TEST_F(Digest, MadeInQuietHoursItWaitsForTheirEndAndCountsForThatDay) {
  config_.notices.has_quiet_hours = true;  // 21:00-07:30
  clock_.set(local(kMonday, 22));
  save(meeting("m1", "s1", local(kMonday, 15) + 72h));
  const auto report = run();
  EXPECT_EQ(report.digests, 1u);
  EXPECT_EQ(report.held_for_quiet_hours, 1u);
  const date::year_month_day tuesday{date::sys_days{kMonday} + date::days{1}};
  const auto item = digest_for("p1", tuesday);
  ASSERT_TRUE(item) << "the digest belongs to the day it is delivered";
  EXPECT_EQ(item->next_attempt_at, local(tuesday, 7, 30));
  EXPECT_TRUE(store_->outbox().outbox_due(local(tuesday, 7, 29)).empty());
  EXPECT_EQ(store_->outbox().outbox_due(local(tuesday, 7, 30)).size(), 1u);
  // Tuesday daytime: that day's digest exists, new notices wait for Wednesday.
  clock_.set(local(tuesday, 12));
  save(meeting("m2", "s2", local(tuesday, 15) + 72h));
  EXPECT_EQ(run().waiting_for_tomorrow, 1u);
}

TEST_F(Digest, RefusesWithoutMailerOrSender) {
  save(meeting("m1", "s1", local(kMonday, 15) + 48h));
  config_.planning.mailer.clear();
  EXPECT_THROW(run(), std::runtime_error);
  config_.planning.mailer = "mail";
  config_.planning.organizer.email.clear();
  EXPECT_THROW(run(), std::runtime_error);
  EXPECT_EQ(outbox_size(), 0u);
}

TEST_F(Digest, ReportAsJson) {
  DigestReport r;
  r.notices = 3;
  r.digests = 2;
  r.held_for_quiet_hours = 1;
  r.waiting_for_tomorrow = 4;
  r.without_email = 5;
  const auto j = to_json(r);
  EXPECT_EQ(j["notices"], 3);
  EXPECT_EQ(j["digests"], 2);
  EXPECT_EQ(j["held_for_quiet_hours"], 1);
  EXPECT_EQ(j["waiting_for_tomorrow"], 4);
  EXPECT_EQ(j["without_email"], 5);
}

}  // namespace
}  // namespace lobsync::notices::test::digest_test
