// The host's check of single roster records (sync/record_validator.h), for the inputs the
// fuzzer (tests/fuzz/record) found handled badly.
#include "sync/record_validator.h"

#include <gtest/gtest.h>

namespace lobsync::sync::record_validator_test {
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

// Found by tests/fuzz/record: a date whose year began with a minus sign ("-027-07-31") was
// read as the year -27 and kept; every date is now digits only (the SDK's parse_iso_date).
TEST(RecordValidator, ADateIsYyyyMmDdInDigitsOnly) {
  for (const char* bad : {"-027-07-31", "2027-+7-31", "2027-07- 1", " 027-07-31", "2027-07-3-"}) {
    const auto r = validate_record(std::string(R"({"kind": "student", "source_id": "2001", "given_name": "Emre", "family_name": "Dijk", "active_until": ")") +
                                   bad + "\"}");
    ASSERT_TRUE(r.record.has_value()) << bad << ": the record stays, without the date";
    EXPECT_FALSE(r.record->payload.contains("active_until")) << bad;
    ASSERT_EQ(r.problems.size(), 1u) << bad;
    EXPECT_EQ(r.problems[0].field, "active_until");
  }
  const auto good = validate_record(R"({"kind": "student", "source_id": "2001", "given_name": "Emre", "family_name": "Dijk", "active_until": "2027-07-31"})");
  ASSERT_TRUE(good.record.has_value());
  EXPECT_EQ(good.record->payload["active_until"], "2027-07-31");
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

// Found by running tests/fuzz/record on guardian links: a link's relation and student id were
// kept with control characters, any relation length was kept, and contact_order was compared as
// an int, so -4294967295 (which an int reads as 1) was kept as it was.
TEST(RecordValidator, GuardianLinksKeepOnlyCleanValues) {
  const auto r = validate_record(R"({"kind": "guardian", "source_id": "p1", "family_name": "Dijk", "students": [
      {"student": "2001", "relation": "moe\u0001der", "contact_order": -4294967295},
      {"student": "20\u000102", "relation": "vader"},
      {"student": "2003", "relation": "voogd", "contact_order": 2}]})");
  ASSERT_TRUE(r.record.has_value());
  const auto& links = r.record->payload["students"];
  ASSERT_EQ(links.size(), 2u) << links.dump();
  EXPECT_EQ(links[0], (nlohmann::json{{"student", "2001"}})) << "relation and contact order dropped";
  EXPECT_EQ(links[1], (nlohmann::json{{"student", "2003"}, {"relation", "voogd"}, {"contact_order", 2}}));
  EXPECT_EQ(r.problems.size(), 2u);
  for (const auto& p : r.problems) EXPECT_EQ(p.dropped, "value");

  const auto long_relation = validate_record(R"({"kind": "guardian", "source_id": "p1", "family_name": "Dijk",
      "students": [{"student": "2001", "relation": ")" + std::string(51, 'x') + R"("}]})");
  ASSERT_TRUE(long_relation.record.has_value());
  EXPECT_FALSE(long_relation.record->payload["students"][0].contains("relation"));
}

}  // namespace
}  // namespace lobsync::sync::record_validator_test
