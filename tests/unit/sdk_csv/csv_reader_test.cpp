// CsvReader: RFC 4180 as SIS exports write it (CRLF, quotes, line breaks inside quotes).
#include <lobsync/csv.hpp>

#include <gtest/gtest.h>

namespace lobsync::sdk::csv_reader_test {
namespace {

std::vector<CsvRow> read_all(std::string_view text, char delimiter = ',') {
  CsvReader reader(text, delimiter, "f.csv");
  std::vector<CsvRow> rows;
  CsvRow row;
  while (reader.next(row)) rows.push_back(row);
  return rows;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, EmptyFileHasNoRows) {
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\r\n\n").empty());
}

TEST(CsvReader, ReadsCrlfAndLfLines) {
  auto rows = read_all("a,b\r\n1,2\n3,\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(rows[2].fields, (Fields{"3", ""}));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, LastLineWithoutNewline) {
  auto rows = read_all("a;b\n1;2", ';');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, QuotedFieldsWithEscapesDelimitersAndNewlines) {
  auto rows = read_all("id,agents,note\r\n"
                       "1,\"p1,p2\",\"she said \"\"hi\"\"\"\r\n"
                       "2,\"line one\r\nline two\",\"\"\r\n"
                       "3,x,y\r\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "p1,p2", "she said \"hi\""}));
  EXPECT_EQ(rows[2].fields, (Fields{"2", "line one\r\nline two", ""}));
  // Line numbers keep counting through the line break inside quotes.
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_EQ(rows[3].line, 5u);
}

TEST(CsvReader, SkipsBlankLines) {
  auto rows = read_all("a\n\n\nb\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 4u);
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereItOpened) {
  try {
    read_all("a,b\n1,\"open\n2,3\n");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_INVALID_ARGUMENT);
    EXPECT_EQ(std::string(e.what()), "f.csv: line 2: unterminated quoted field (field 2)");
  }
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  try {
    read_all("\"ab\"c,d\n");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("f.csv: line 1: text after the closing quote"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, AQuoteLeftOpenIsReportedWhereItOpened) {
  try {
    read_all("a,b\n1,\"p-1\n2,\"x\"\n");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "f.csv: line 2: quoted field 2 runs on to line 3 and text follows its closing quote (a missing or undoubled quote?)");
  }
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsText) {
  auto rows = read_all("5\" disk,x\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"5\" disk", "x"}));
}

TEST(CsvReader, Utf8PassesThrough) {
  auto rows = read_all("\xC3\x96zdemir,Wi\xC5\x9Bniewska,Zo\xC3\xAB\n");
  EXPECT_EQ(rows.at(0).fields, (Fields{"\xC3\x96zdemir", "Wi\xC5\x9Bniewska", "Zo\xC3\xAB"}));
}

}  // namespace
}  // namespace lobsync::sdk::csv_reader_test
