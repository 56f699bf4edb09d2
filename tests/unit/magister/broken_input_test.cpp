// Every broken export the plugin guards against: the whole read fails with a message naming the
// file, line, column or byte, or the bad row or value becomes a problem record and the rest is
// read.
#include "files_fixture.h"

namespace lobsync::magister_test::magister_broken_input_test {
namespace {

class BrokenInputTest : public MagisterFilesTest {
 protected:
  // Reads with leerlingen.csv replaced by `bytes` and expects the read to fail.
  std::string failure(const std::string& bytes, const json& extra = json::object()) {
    write("leerlingen.csv", bytes);
    auto s = settings();
    s.update(extra);
    const auto read = this->read(s);
    EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << read.dump();
    EXPECT_TRUE(read.kind("guardian").empty()) << "nothing after the failure";
    return read.result.error;
  }
};

TEST_F(BrokenInputTest, AnEmptyFileFails) {
  EXPECT_EQ(failure(""), "leerlingen.csv has no data rows (it is empty)");
  EXPECT_EQ(failure("\r\n\r\n"), "leerlingen.csv has no data rows (it is empty)");
}

TEST_F(BrokenInputTest, AHeaderOnlyFileFails) {
  EXPECT_EQ(failure(students({})), "leerlingen.csv has no data rows (only a header)");
  EXPECT_EQ(failure("\xEF\xBB\xBF" + students({}, false)), "leerlingen.csv has no data rows (only a header)");
}

TEST_F(BrokenInputTest, AnUnterminatedQuoteOnTheLastLineFails) {
  auto rows = good_rows();
  rows.back() = "2004;\"Sam;;Bak";
  const auto error = failure(students(rows, false));
  EXPECT_TRUE(contains(error, "leerlingen.csv: line 5: unterminated quoted field")) << error;
}

TEST_F(BrokenInputTest, AShortLastLineWithoutLineEndFails) {
  auto rows = good_rows();
  rows.back() = "2004;Sam;;Bak";
  const auto error = failure(students(rows, false));
  EXPECT_TRUE(contains(error, "leerlingen.csv: line 5: the last line is incomplete (4 of 9 fields")) << error;
}

TEST_F(BrokenInputTest, ACommaSeparatedFileFailsNamingTheDelimiter) {
  const auto error = failure("stamnr_str,Roepnaam,Tussenv,Achternaam\r\n2001,Zoe,van,Dijk\r\n");
  EXPECT_TRUE(contains(error, "separated by ','")) << error;
  EXPECT_TRUE(contains(error, "uses ';'")) << error;
}

TEST_F(BrokenInputTest, AMissingColumnFailsNamingIt) {
  const auto error = failure("stamnr_str;Roepnaam;Tussenv;Achternaam;geb_datum_str;Email;Studie;Leerfase.Leerjaar\r\n"
                             "2001;Zoe;van;Dijk;2012-03-04;;havo 2;2\r\n");
  EXPECT_EQ(error, "leerlingen.csv: line 1: missing required column: Klas");
}

TEST_F(BrokenInputTest, AMisspelledColumnFailsWithASuggestion) {
  std::string header = kStudentHeader;
  header.replace(header.find("Achternaam"), 10, "Achternam");
  const auto error = failure(header + "\r\n2001;Zoe;van;Dijk;2012-03-04;;2H1;havo 2;2\r\n");
  EXPECT_TRUE(contains(error, "missing required column: Achternaam (did you mean \"Achternam\"?)")) << error;
}

TEST_F(BrokenInputTest, AMisspelledColumnInTheSettingsIsAlsoNamed) {
  const auto error = failure(students(good_rows()), {{"columns", {{"students", {{"group", "Klass"}}}}}});
  EXPECT_TRUE(contains(error, "Klass (did you mean \"Klas\"?)")) << error;
}

TEST_F(BrokenInputTest, InvalidUtf8FailsNamingLineAndByteWhenUtf8IsSet) {
  auto rows = good_rows();
  rows[1] = "2002;Emre;;\xD6zdemir;01-09-2011;;2V1;vwo 2;2";  // Windows-1252 Ö in a UTF-8 file
  const auto error = failure(students(rows), {{"encoding", "utf-8"}});
  EXPECT_TRUE(contains(error, "leerlingen.csv: line 3, byte ")) << error;
  EXPECT_TRUE(contains(error, "invalid UTF-8 (byte 0xD6)")) << error;
}

TEST_F(BrokenInputTest, AHeaderRowInTheMiddleIsSkippedAndReported) {
  auto rows = good_rows();
  rows.insert(rows.begin() + 2, kStudentHeader);
  write("leerlingen.csv", students(rows));
  const auto read = this->read(settings());
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 4u);
  const auto problems = read.problems("repeated header row");
  ASSERT_EQ(problems.size(), 1u) << read.dump();
  EXPECT_EQ(problems[0]["record"], "file leerlingen.csv line 4");
  EXPECT_EQ(problems[0]["dropped"], "record");
}

TEST_F(BrokenInputTest, ADuplicateStudentNumberDropsTheSecondRow) {
  auto rows = good_rows();
  rows.push_back("2001;Other;;Person;2012-01-01;;2H1;havo 2;2");
  write("leerlingen.csv", students(rows));
  const auto read = this->read(settings());
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 4u);
  EXPECT_EQ(read.find("student", "2001")["given_name"], "Zoe");
  const auto problems = read.problems("duplicate student number 2001");
  ASSERT_EQ(problems.size(), 1u) << read.dump();
  EXPECT_EQ(problems[0]["record"], "file leerlingen.csv line 6");
  EXPECT_EQ(problems[0]["field"], "stamnr_str");
  EXPECT_EQ(problems[0]["dropped"], "record");
}

TEST_F(BrokenInputTest, AnInvalidDateDropsOnlyTheValue) {
  auto rows = good_rows();
  rows[0] = "2001;Zoe;van;Dijk;31-02-2012;;2H1;havo 2;2";
  rows[1] = "2002;Emre;;Ozdemir;2011/09;;2V1;vwo 2;2";
  write("leerlingen.csv", students(rows));
  const auto read = this->read(settings());
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 4u);
  EXPECT_FALSE(read.find("student", "2001").contains("birth_date"));
  const auto problems = read.problems("not a date");
  ASSERT_EQ(problems.size(), 2u) << read.dump();
  EXPECT_EQ(problems[0], (json{{"kind", "problem"}, {"record", "student 2001"}, {"field", "geb_datum_str"},
                               {"message", "not a date (expected dd-mm-yyyy or yyyy-mm-dd)"}, {"dropped", "value"}}));
}

// An export that went through Windows-1252 somewhere before: letters it cannot hold became '?'.
TEST_F(BrokenInputTest, NamesThatLostLettersAreKeptAndReportedPerRecord) {
  auto rows = good_rows();
  rows[0] = "2001;Zo\xEB;van;Dijk;2012-03-04;;2H1;havo 2;2";           // Windows-1252 ë: read right
  rows[1] = "2002;Emre;;Y?lmaz;01-09-2011;;2V1;vwo 2;2";                // ı was lost
  rows[2] = "2003;?ahin;;Ozdemir;15-01-2013;;1K1;kader 1;1";            // Ş was lost, at the start
  rows[3] = "2004;?;;Bakker;02-02-2000;;2H1;havo 2;2";                  // a placeholder, not damage
  write("leerlingen.csv", students(rows));
  write("ouders.csv", "stamnr;ouder_id;voorletters;achternaam;email\r\n2001;p1;M.;Wi?niewska;m@example.org\r\n");
  const auto read = this->read(settings());
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 4u);
  EXPECT_EQ(read.find("student", "2001")["given_name"], "Zo\xC3\xAB");
  EXPECT_EQ(read.find("student", "2002")["family_name"], "Y?lmaz") << "kept: better than nothing";
  EXPECT_EQ(read.find("guardian", "p1")["family_name"], "Wi?niewska");
  const auto problems = read.problems("where a letter was");
  ASSERT_EQ(problems.size(), 3u) << read.dump();
  EXPECT_EQ(problems[0], (json{{"kind", "problem"}, {"record", "student 2002"}, {"field", "Achternaam"},
                               {"message", problems[0]["message"]}, {"dropped", "nothing"}}));
  EXPECT_EQ(problems[1]["record"], "student 2003");
  EXPECT_EQ(problems[1]["field"], "Roepnaam");
  EXPECT_EQ(problems[2]["record"], "guardian p1");
  EXPECT_EQ(problems[2]["field"], "achternaam");
  for (const auto& p : problems) {
    const auto message = p["message"].get<std::string>();
    for (const char* name : {"lmaz", "ahin", "niewska"}) EXPECT_EQ(message.find(name), std::string::npos) << message;
  }
}

TEST_F(BrokenInputTest, BrokenParentsAndMentorsRowsBecomeProblems) {
  write("ouders.csv", "stamnr;ouder_id;achternaam;email;gezag\r\n2001;p1;Dijk;m@example.org;misschien\r\n"
                      "9999;p9;Nobody;n@example.org;ja\r\n");
  write("mentoren.csv", "klas;docentcode;rol\r\n2H1;XYZ;1\r\n5Z9;JAN;1\r\n2V1;JAN;derde\r\n");
  const auto read = this->read(settings());
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("guardian").size(), 1u);
  EXPECT_EQ(read.problems("not yes/no").size(), 1u) << read.dump();
  EXPECT_EQ(read.problems("student 9999 is not an active student").size(), 1u);
  EXPECT_EQ(read.problems("no active staff member has code XYZ").size(), 1u);
  EXPECT_EQ(read.problems("class 5Z9 has no active students").size(), 1u);
  EXPECT_EQ(read.problems("first assumed").size(), 1u);
  EXPECT_EQ(read.kind("mentor").size(), 1u);
}

}  // namespace
}  // namespace lobsync::magister_test::magister_broken_input_test
