// `lobsync calllist --mentor` names a mentor by staff key, e-mail address or abbreviation.
#include "cli/staff_lookup.h"

#include <gtest/gtest.h>

namespace lobsync::cli::mentor_lookup_test {
namespace {

domain::School two_teachers() {
  domain::School school;
  school.staff["s:t1"] = {"s:t1", "Anna", "A", "", "Jansen", "JAN", "a.jansen@school.example", ""};
  school.staff["s:t2"] = {"s:t2", "Bram", "B", "de", "Vries", "VRI", "b.devries@school.example", ""};
  return school;
}

TEST(MentorLookup, ByKeyEmailOrAbbreviation) {
  const auto school = two_teachers();
  EXPECT_EQ(staff_key_of(school, "s:t2"), "s:t2");
  EXPECT_EQ(staff_key_of(school, "B.deVries@School.example"), "s:t2");
  EXPECT_EQ(staff_key_of(school, "jan"), "s:t1");
  EXPECT_EQ(staff_key_of(school, "XYZ"), "");
  EXPECT_EQ(staff_key_of(school, ""), "");
}

TEST(MentorLookup, AnAbbreviationTwoStaffShareNamesNobody) {
  auto school = two_teachers();
  school.staff["s:t2"].abbreviation = "JAN";
  EXPECT_EQ(staff_key_of(school, "JAN"), "");
}

}  // namespace
}  // namespace lobsync::cli::mentor_lookup_test
