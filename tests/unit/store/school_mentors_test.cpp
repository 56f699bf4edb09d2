// The school model's mentors from the synced roster in a real SQLite file: first and second
// mentors, of a class and personal, so the policy can let a second mentor lead.
#include "store/school_model.h"
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::store::school_mentors_test {
namespace {

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

StagedRecord record(std::string kind, std::string id, const nlohmann::json& payload) {
  return {std::move(kind), std::move(id), payload.dump(), std::to_string(std::hash<std::string>{}(payload.dump()))};
}

TEST(SchoolMentors, FirstAndSecondMentorsOfClassesAndStudentsAreKeptApart) {
  test::ScratchDir dir;
  ManualClock clock{kT0};
  auto store = open_store({"sqlite", dir / "lobsync.db"}, clock);
  const auto run = store->roster().begin_sync_run("src", kT0);
  store->roster().stage(run, {
      record("group", "2h1", {{"name", "2h1"}, {"level", "havo"}, {"year", 2}}),
      record("staff", "t1", {{"family_name", "Jansen"}}),
      record("staff", "t2", {{"family_name", "Bakker"}}),
      record("staff", "t3", {{"family_name", "Visser"}}),
      record("student", "s1", {{"family_name", "Yilmaz"}, {"group", "2h1"}}),
      record("student", "s2", {{"family_name", "Smit"}, {"group", "2h1"}}),
      record("mentor", "m1", {{"staff", "t1"}, {"group", "2h1"}, {"role", "first"}}),
      record("mentor", "m2", {{"staff", "t2"}, {"group", "2h1"}, {"role", "second"}}),
      record("mentor", "m3", {{"staff", "t3"}, {"student", "s2"}, {"role", "second"}}),
  });
  store->roster().apply_staged(run, kT0);

  const auto school = load_school(store->roster(), domain::default_guardian_organisations());
  const auto& s1 = school.students.at("src:s1");
  const auto& s2 = school.students.at("src:s2");
  EXPECT_EQ(school.mentor_of(s1), "src:t1");
  EXPECT_EQ(school.second_mentor_of(s1), "src:t2");
  EXPECT_EQ(school.mentor_of(s2), "src:t1") << "a personal second mentor does not replace the first";
  EXPECT_EQ(school.second_mentor_of(s2), "src:t3");
}

}  // namespace
}  // namespace lobsync::store::school_mentors_test
