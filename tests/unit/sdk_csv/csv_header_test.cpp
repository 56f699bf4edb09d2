// CsvHeader and guess_delimiter: the messages an administrator sees for a wrong export.
#include <lobsync/csv.hpp>

#include <gtest/gtest.h>

namespace lobsync::sdk::csv_header_test {
namespace {

CsvRow row(std::vector<std::string> fields, std::size_t line = 1) { return CsvRow{line, std::move(fields)}; }

std::string require_error(const CsvHeader& header, const std::vector<std::string>& names) {
  try {
    header.require(names, "users.csv");
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_INVALID_ARGUMENT);
    return e.what();
  }
  return "(no error)";
}

TEST(CsvHeader, FindsColumnsTrimmedAndCaseInsensitive) {
  CsvHeader header(row({" sourcedId ", "GivenName", "familyName"}));
  EXPECT_EQ(header.index("sourcedid"), 0u);
  EXPECT_EQ(header.index("givenName"), 1u);
  EXPECT_EQ(header.index("email"), std::nullopt);
  EXPECT_EQ(header.names().at(0), "sourcedId");
  EXPECT_NO_THROW(header.require({"sourcedId", "familyName"}, "users.csv"));
}

TEST(CsvHeader, ListsEveryMissingColumnWithTypoSuggestions) {
  CsvHeader header(row({"sourcedId", "giveName", "famliyName", "email"}));
  EXPECT_EQ(require_error(header, {"sourcedId", "givenName", "familyName", "role"}),
            "users.csv: line 1: missing required columns: givenName (did you mean \"giveName\"?), "
            "familyName (did you mean \"famliyName\"?), role");
}

TEST(CsvHeader, NoSuggestionForUnrelatedShortNames) {
  CsvHeader header(row({"sms"}));
  EXPECT_EQ(require_error(header, {"sex"}), "users.csv: line 1: missing required column: sex");
}

TEST(CsvHeader, HintsAtTheDelimiterWhenTheHeaderIsOneColumn) {
  CsvHeader header(row({"sourcedId;givenName;familyName"}));
  auto message = require_error(header, {"sourcedId"});
  EXPECT_NE(message.find("separated by ';'"), std::string::npos) << message;
}

TEST(CsvHeader, RejectsDuplicateNamesNamingBoth) {
  try {
    CsvHeader header(row({"sourcedId", "email", "Email "}, 1), "users.csv");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "users.csv: line 1: duplicate column \"email\" (column 2) and \"Email\" (column 3)");
  }
}

TEST(CsvHeader, UnnamedTrailingColumnsAreNotDuplicates) {
  EXPECT_NO_THROW(CsvHeader(row({"a", "", ""})));
}

TEST(CsvHeader, DetectsARepeatedHeaderRow) {
  CsvHeader header(row({"sourcedId", "givenName"}));
  EXPECT_TRUE(header.same_as(row({"SourcedId", " givenName"}, 40)));
  EXPECT_FALSE(header.same_as(row({"u1", "Zo\xC3\xAB"})));
  EXPECT_FALSE(header.same_as(row({"sourcedId"})));
}

TEST(GuessDelimiter, PicksTheMostFrequentOutsideQuotes) {
  EXPECT_EQ(guess_delimiter("a;b;c"), ';');
  EXPECT_EQ(guess_delimiter("a,b,c"), ',');
  EXPECT_EQ(guess_delimiter("a\tb\tc"), '\t');
  EXPECT_EQ(guess_delimiter("\"x,y,z\";b;c"), ';');
  EXPECT_EQ(guess_delimiter("single"), '\0');
}

}  // namespace
}  // namespace lobsync::sdk::csv_header_test
