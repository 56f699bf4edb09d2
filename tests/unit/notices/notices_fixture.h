// A small school in a real SQLite store for the notice tests: two siblings with one parent, a
// student with a parent who has no e-mail address, one mentor. Time is a ManualClock.
#pragma once

#include "config/config.h"
#include "messaging/translations.h"
#include "notices/notice.h"
#include "planning/school_calendar.h"
#include "store/store.h"

#include "support/test_env.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <memory>

namespace lobsync::notices::test {

using namespace std::chrono_literals;

// Amsterdam wall-clock time as an instant.
inline Instant local(date::year_month_day day, int hour, int minute = 0) {
  return planning::at_local(date::locate_zone("Europe/Amsterdam"), date::sys_days{day}, hour * 60 + minute);
}

inline constexpr date::year_month_day kMonday{date::year{2026}, date::month{11}, date::day{23}};

class NoticesFixture : public ::testing::Test {
 protected:
  NoticesFixture()
      : clock_(local(kMonday, 10)),
        store_(store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_)),
        translations_(messaging::Translations::load(lobsync::test::source_dir() / "daemon/messaging/translations")) {
    config_.school_name = "Testcollege";
    config_.planning.organizer = {"lob@school.example", "LOB-team"};
    config_.planning.mailer = "mail";
    config_.notices.has_quiet_hours = false;  // the quiet-hours tests switch them on
    school_.staff["t1"] = {"t1", "Anna", "A", "", "Jansen", "JAN", "a.jansen@school.example", ""};
    add_student("s1", "Zoë", "Özdemir");
    add_student("s2", "Emre", "Özdemir");
    add_student("s3", "Lotte", "Bakker");
    domain::Guardian parent;
    parent.key = "p1";
    parent.family_name = "Özdemir";
    parent.email = "ozdemir@home.example";
    parent.phone = "+31 6 1234 5678";
    parent.household = "h1";
    parent.students = {{"s1", "parent", true, true, 1}, {"s2", "parent", true, true, 1}};
    school_.guardians["p1"] = parent;
    domain::Guardian unreachable;
    unreachable.key = "p3";
    unreachable.family_name = "Bakker";
    unreachable.phone = "+31 6 8765 4321";
    unreachable.household = "h3";
    unreachable.students = {{"s3", "parent", true, true, 1}};
    school_.guardians["p3"] = unreachable;
    school_.index_guardians();
  }

  void add_student(const std::string& key, const std::string& given, const std::string& family) {
    domain::Student s;
    s.key = key;
    s.given_name = given;
    s.family_name = family;
    school_.students[key] = s;
    school_.student_mentor[key] = "t1";
  }

  // A parents' meeting of the student with the mentor and the student's parent.
  domain::Meeting meeting(const std::string& id, const std::string& student, Instant start,
                          const std::string& status = domain::kPlanned) {
    domain::Meeting m;
    m.id = id;
    m.type = "parents";
    m.student = student;
    m.mentor = "t1";
    m.start = start;
    m.end = start + 20min;
    m.location = "Lokaal 12";
    m.status = status;
    m.school_year = planning::school_year_for(config_.planning, planning::local_day(zone(), clock_.now())).label;
    const auto& s = school_.students.at(student);
    m.participants.push_back({"mentor", "t1", "Anna Jansen", "a.jansen@school.example", ""});
    m.participants.push_back({"student", student, s.display_name(), "", ""});
    const auto* parent = school_.guardians_of(student).at(0);
    m.participants.push_back({"parent", parent->key, parent->display_name(), parent->email, "so"});  // Somali: not shipped, so Dutch
    return m;
  }

  void save(const domain::Meeting& m) { store_->meetings().save({m}, {}, clock_.now()); }

  NoticeContext context() {
    NoticeContext ctx;
    ctx.config = &config_;
    ctx.school = &school_;
    ctx.zone = zone();
    ctx.now = clock_.now();
    ctx.translations = &translations_;
    ctx.store = store_.get();
    return ctx;
  }

  static const date::time_zone* zone() { return date::locate_zone("Europe/Amsterdam"); }

  lobsync::test::ScratchDir dir_;
  ManualClock clock_;
  std::unique_ptr<store::Store> store_;
  messaging::Translations translations_;
  config::Config config_;
  domain::School school_;
};

}  // namespace lobsync::notices::test
