// A store in a scratch folder with one parents' meeting (student, one parent with e-mail, one
// without, mentor), its roster as a School, and helpers to write record versions.
#pragma once

#include "domain/school.h"
#include "store/store.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <memory>

namespace lobsync::records::test {

using namespace std::chrono_literals;

inline const Instant kStart = instant_from_unix_ms(1'795'000'000'000);  // 2026-11-18T11:06:40Z

inline nlohmann::json record_body() {
  return {{"phases", {{"look_back", "Stage <b>bij</b> de bakker"}, {"look_forward", "Zorg"}}},
          {"competences", {"work_exploration"}},
          {"next_steps", {{{"what", "Open dag"}, {"owner", "student"}, {"due", "2027-03-28"}}}},
          {"attended", {"student", "parent", "mentor"}},
          {"home_assignment_discussed", true}};
}

class RecordFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_);
    domain::Meeting m;
    m.id = "m-1";
    m.type = "parents";
    m.student = "src:s1";
    m.mentor = "src:t1";
    m.start = kStart;
    m.end = kStart + 30min;
    m.school_year = "2026-2027";
    m.participants = {{"mentor", "src:t1", "Anna Jansen", "a.jansen@school.example", "nl"},
                      {"student", "src:s1", "Sam Visser", "sam@students.example", ""},
                      {"parent", "src:p1", "J. Visser", "visser@home.example", "en"},
                      {"parent", "src:p2", "K. Visser", "", ""}};
    store_->meetings().save({m}, {}, kStart - 240h);
    meeting_ = m;

    domain::Student s;
    s.key = "src:s1";
    s.student_number = "12345";
    s.given_name = "Sam";
    s.family_name = "Visser";
    s.group = "src:3h";
    school_.students[s.key] = s;
    school_.groups["src:3h"] = {"src:3h", "3H", "havo", 3};
    domain::Staff t;
    t.key = "src:t1";
    t.given_name = "Anna";
    t.family_name = "Jansen";
    school_.staff[t.key] = t;
    domain::Guardian g;
    g.key = "src:p1";
    g.household = "h1";
    school_.guardians[g.key] = g;
  }

  void set_birth_date(date::year_month_day day) { school_.students["src:s1"].birth_date = day; }

  store::RecordWritten write(Instant at) { return store_->records().add_record_version("m-1", "rec-1", record_body(), at); }

  const date::time_zone* zone() const { return date::locate_zone("Europe/Amsterdam"); }

  lobsync::test::ScratchDir dir_;
  ManualClock clock_{kStart};
  std::unique_ptr<store::Store> store_;
  domain::Meeting meeting_;
  domain::School school_;
};

}  // namespace lobsync::records::test
