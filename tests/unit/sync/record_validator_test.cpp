// The host's check of single roster records (sync/record_validator.h), for the inputs the
// fuzzer (tests/fuzz/record) found handled badly.
#include "sync/record_validator.h"

#include <gtest/gtest.h>

namespace lobsync::sync {
namespace {

// Found by tests/fuzz/record: a plugin's problem report without record or message became a
// report line that said nothing.
TEST(RecordValidator, AProblemReportThatNamesNothingStillSaysSo) {
  const auto r = validate_record(R"({"kind": "problem", "dropped": "value"})");
  EXPECT_FALSE(r.record.has_value());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].record, "(record not named by the plugin)");
  EXPECT_EQ(r.problems[0].message, "the plugin reported a problem without saying what");
  EXPECT_EQ(r.problems[0].dropped, "value");

  const auto named = validate_record(R"({"kind": "problem", "record": "leerlingen.csv line 7", "message": "not a date"})");
  ASSERT_EQ(named.problems.size(), 1u);
  EXPECT_EQ(named.problems[0].record, "leerlingen.csv line 7");
  EXPECT_EQ(named.problems[0].message, "not a date");
  EXPECT_EQ(named.problems[0].dropped, "record");
}

// Found by tests/fuzz/record: names were refused with control characters, but a source_id with
// them was kept, and ids go wherever names go.
TEST(RecordValidator, ASourceIdWithControlCharactersDropsTheRecord) {
  const auto r = validate_record(R"({"kind": "staff", "source_id": "501\b", "family_name": "Jansen"})");
  EXPECT_FALSE(r.record.has_value());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].record, "staff") << "the id itself is not repeated";
  EXPECT_EQ(r.problems[0].field, "source_id");
  EXPECT_EQ(r.problems[0].dropped, "record");

  EXPECT_TRUE(validate_record(R"({"kind": "staff", "source_id": "501", "family_name": "Jansen"})").record.has_value());
}

}  // namespace
}  // namespace lobsync::sync
