// Which home assignment notices are due when: the assignment `days_before`, the reminder
// `reminder_days_before` (local calendar days, across daylight saving), nothing once done or
// cancelled, and the assignment superseding the reminder when both are first due at once.
#include "assignments/notice_source.h"

#include "core/iso_time.h"
#include "messaging/translations.h"
#include "store/store.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::assignments::notice_source_test {
namespace {

using namespace std::chrono;
using domain::Meeting;
using notices::Notice;

Instant at(const std::string& iso) {
  const auto t = parse_iso_utc(iso);
  EXPECT_TRUE(t) << iso;
  return t.value_or(Instant{});
}

class AssignmentNotices : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_);
    school_.staff["school:t1"].key = "school:t1";
    school_.students["school:s1"].given_name = "Zoë";
    school_.guardians["school:p1"].household = "h1";
    context_.config = &config_;
    context_.school = &school_;
    context_.zone = date::locate_zone("Europe/Amsterdam");
    context_.translations = &translations_;
    context_.store = store_.get();
    context_.public_url = "https://lob.school.example";
    context_.link_key = store::LinkKey{1, std::string(32, 'k'), at("2026-01-01T00:00:00Z")};
  }

  Meeting meeting(const std::string& id, const std::string& start_utc, const std::string& type = "individual",
                  const std::string& status = domain::kPlanned) {
    Meeting m;
    m.id = id;
    m.type = type;
    m.student = "school:s1";
    m.mentor = "school:t1";
    m.start = at(start_utc);
    m.end = m.start + minutes{20};
    m.status = status;
    m.school_year = "2026-2027";
    m.participants = {{"mentor", "school:t1", "Anna Jansen", "a.jansen@school.example", ""},
                      {"student", "school:s1", "Zoë Özdemir", "zoe@students.example", ""},
                      {"parent", "school:p1", "Özdemir", "ozdemir@home.example", "en"},
                      {"parent", "school:p2", "Bakker", "", ""}};
    store_->meetings().save({m}, {}, at("2026-01-01T00:00:00Z"));
    return m;
  }

  std::vector<Notice> due(const std::string& now_utc) {
    context_.now = at(now_utc);
    return assignment_notices(context_);
  }

  static std::vector<std::string> keys(const std::vector<Notice>& notices) {
    std::vector<std::string> out;
    for (const auto& n : notices) out.push_back(n.key);
    return out;
  }

  test::ScratchDir dir_;
  ManualClock clock_{instant_from_unix_ms(0)};
  std::unique_ptr<store::Store> store_;
  config::Config config_;
  domain::School school_;
  messaging::Translations translations_ =
      messaging::Translations::load(test::source_dir() / "daemon/messaging/translations");
  notices::NoticeContext context_;
};

// Tuesday 1 December 2026, 15:00 in Amsterdam (CET).
constexpr const char* kStart = "2026-12-01T14:00:00Z";

TEST_F(AssignmentNotices, NothingBeforeDaysBefore) {
  meeting("m-1", kStart);
  EXPECT_TRUE(due("2026-11-21T13:59:59Z").empty());
}

TEST_F(AssignmentNotices, TheAssignmentGoesToTheStudentAndParentsWithAnAddress) {
  meeting("m-1", kStart);
  const auto notices = due("2026-11-21T14:00:00Z");
  ASSERT_EQ(keys(notices), (std::vector<std::string>{"assignment:m-1:school:s1", "assignment:m-1:school:p1"}));
  const auto& student = notices[0];
  EXPECT_EQ(student.kind, "assignment");
  EXPECT_EQ(student.recipient.email, "zoe@students.example");
  EXPECT_EQ(student.household, "student:school:s1");
  EXPECT_EQ(student.meeting, "m-1");
  EXPECT_EQ(student.student, "school:s1");
  EXPECT_EQ(student.about, at(kStart));
  EXPECT_TRUE(student.supersedes.empty());
  EXPECT_EQ(student.section.heading,
            "Thuisopdracht voor het loopbaangesprek van Zoë: Ontdek samen met een ouder je kwaliteiten");
  ASSERT_EQ(student.section.paragraphs.size(), 4u);
  EXPECT_EQ(student.section.paragraphs[0], "Schrijf drie dingen op waar je goed in bent en die je graag doet.");
  EXPECT_NE(student.section.paragraphs[3].find("dinsdag 1 december 2026, 15:00"), std::string::npos)
      << student.section.paragraphs[3];
  EXPECT_EQ(student.section.link.rfind("https://lob.school.example/a/", 0), 0u);
  EXPECT_EQ(student.section.link_label, "Markeer als gedaan");

  const auto& parent = notices[1];
  EXPECT_EQ(parent.household, "h1");
  EXPECT_EQ(parent.section.heading,
            "Home assignment for Zoë's career conversation: Discover your qualities together with a parent");
  EXPECT_EQ(parent.section.link_label, "Mark as done");
  EXPECT_NE(parent.section.link, student.section.link) << "each link names its participant";
}

TEST_F(AssignmentNotices, AGuardianOrganisationGetsNoHomeAssignment) {
  school_.guardians["school:p1"].is_organisation = true;  // e.g. Nidos, for a student without parents here
  meeting("m-1", kStart);
  EXPECT_EQ(keys(due("2026-11-21T14:00:00Z")), (std::vector<std::string>{"assignment:m-1:school:s1"}));
}

TEST_F(AssignmentNotices, TheReminderFollowsAndTheAssignmentSupersedesItWhenBothAreNew) {
  meeting("m-1", kStart);
  EXPECT_EQ(keys(due("2026-11-29T13:59:59Z")).size(), 2u);
  const auto both = due("2026-11-29T14:00:00Z");
  ASSERT_EQ(keys(both), (std::vector<std::string>{"assignment:m-1:school:s1", "assignment-reminder:m-1:school:s1",
                                                  "assignment:m-1:school:p1", "assignment-reminder:m-1:school:p1"}));
  EXPECT_EQ(both[0].supersedes, std::vector<std::string>{"assignment-reminder:m-1:school:s1"});
  EXPECT_EQ(both[1].kind, "assignment_reminder");
  EXPECT_TRUE(both[1].supersedes.empty());
  EXPECT_EQ(both[1].section.heading.rfind("Herinnering: ", 0), 0u) << both[1].section.heading;
}

TEST_F(AssignmentNotices, NothingOnceDone) {
  meeting("m-1", kStart);
  store_->assignments().mark_done("m-1", "qualities_together", "school:p1", "parent", "", at("2026-11-22T10:00:00Z"));
  EXPECT_TRUE(due("2026-11-29T14:00:00Z").empty());
}

TEST_F(AssignmentNotices, NothingForCancelledHeldOrStartedMeetingsOrTypesWithoutTemplate) {
  meeting("m-cancelled", kStart, "individual", domain::kCancelled);
  meeting("m-held", kStart, "individual", domain::kHeld);
  meeting("m-closing", kStart, "closing");
  EXPECT_TRUE(due("2026-11-29T14:00:00Z").empty());
  meeting("m-1", kStart);
  EXPECT_TRUE(due("2026-12-01T14:00:00Z").empty()) << "started";
  EXPECT_EQ(due("2026-12-01T13:59:00Z").size(), 4u) << "confirmed or planned, not yet started";
}

TEST_F(AssignmentNotices, NoLinkWithoutPublicUrl) {
  meeting("m-1", kStart);
  context_.public_url.clear();
  context_.link_key.reset();
  const auto notices = due("2026-11-21T14:00:00Z");
  ASSERT_FALSE(notices.empty());
  EXPECT_TRUE(notices[0].section.link.empty());
  EXPECT_TRUE(notices[0].section.link_label.empty());
}

// Monday 26 October 2026 09:00 CET, the day after the clocks went back: two local days before
// is Saturday 24 October 09:00 CEST (07:00Z), an hour earlier than 48 hours before.
TEST_F(AssignmentNotices, DaysAreLocalDaysInTheAutumnDaylightSavingWeek) {
  meeting("m-1", "2026-10-26T08:00:00Z");
  const auto reminders = [&](const std::string& now) {
    int n = 0;
    for (const auto& notice : due(now)) n += notice.kind == "assignment_reminder";
    return n;
  };
  EXPECT_EQ(reminders("2026-10-24T06:59:59Z"), 0);
  EXPECT_EQ(reminders("2026-10-24T07:00:00Z"), 2);
}

// Monday 29 March 2027 09:00 CEST, the day after the clocks went forward: two local days before
// is Saturday 27 March 09:00 CET (08:00Z), an hour later than 48 hours before.
TEST_F(AssignmentNotices, DaysAreLocalDaysInTheSpringDaylightSavingWeek) {
  const auto zone = date::locate_zone("Europe/Amsterdam");
  EXPECT_EQ(local_days_before(at("2027-03-29T07:00:00Z"), 2, *zone), at("2027-03-27T08:00:00Z"));
  EXPECT_EQ(local_days_before(at("2026-10-26T08:00:00Z"), 2, *zone), at("2026-10-24T07:00:00Z"));
  EXPECT_EQ(local_days_before(at("2027-01-20T08:00:00Z"), 10, *zone), at("2027-01-10T08:00:00Z"));
  // 02:30 on 28 March 2027 does not exist in Amsterdam: the moment the clocks jump is taken.
  EXPECT_EQ(local_days_before(at("2027-03-29T00:30:00Z"), 1, *zone), at("2027-03-28T01:00:00Z"));
  meeting("m-1", "2027-03-29T07:00:00Z");
  EXPECT_EQ(due("2027-03-27T07:30:00Z").size(), 2u) << "only the assignment";
  EXPECT_EQ(due("2027-03-27T08:00:00Z").size(), 4u) << "and the reminder";
}

}  // namespace
}  // namespace lobsync::assignments::notice_source_test
