// The files mode over the committed export in tests/data/magister/school and over encodings
// and column mappings a school may need.
#include "files_fixture.h"

namespace lobsync::magister_test::magister_files_test {
namespace {

TEST_F(MagisterFilesTest, ReadsTheCommittedExport) {
  const auto read = this->read(settings());
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_TRUE(read.kind("problem").empty()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 4u);
  EXPECT_EQ(read.kind("staff").size(), 2u);
  EXPECT_EQ(read.kind("group").size(), 3u);
  EXPECT_EQ(read.kind("location").size(), 2u);
  EXPECT_EQ(read.kind("guardian").size(), 4u);
  EXPECT_EQ(read.kind("mentor").size(), 4u);

  EXPECT_EQ(read.find("student", "2001"),
            (json{{"kind", "student"}, {"source_id", "2001"}, {"student_number", "2001"}, {"given_name", "Zoë"},
                  {"family_name_prefix", "van"}, {"family_name", "Dijk"}, {"birth_date", "2012-03-04"},
                  {"email", "2001@leerling.example"}, {"group", "klas:2H1"}, {"year", 2}, {"level", "havo"},
                  {"location", "loc:Noord"}}));
  EXPECT_EQ(read.find("student", "2002")["level"], "vwo");  // from the quoted "vwo; tweetalig 2"
  EXPECT_EQ(read.find("student", "2002")["birth_date"], "2011-09-01");
  EXPECT_EQ(read.find("student", "2003")["level"], "vmbo-kb");
  EXPECT_EQ(read.find("group", "klas:2H1"),
            (json{{"kind", "group"}, {"source_id", "klas:2H1"}, {"name", "2H1"}, {"year", 2}, {"level", "havo"},
                  {"location", "loc:Noord"}}));

  const auto p3 = read.find("guardian", "p3");
  EXPECT_EQ(p3["family_name"], "Özdemir");
  ASSERT_EQ(p3["students"].size(), 2u);
  EXPECT_NE(read.find("guardian", "p1")["household"], read.find("guardian", "p2")["household"]);
  EXPECT_EQ(read.find("guardian", "p2")["students"][0]["may_receive_mail"], false);
  EXPECT_EQ(read.find("guardian", "p4")["students"][0]["parental_authority"], false);
  // The code "dek" in personeel.csv matches "DEK" in mentoren.csv.
  const auto mentors = read.kind("mentor");
  EXPECT_NE(std::find(mentors.begin(), mentors.end(),
                      json{{"kind", "mentor"}, {"staff", "502"}, {"group", "klas:2H1"}, {"role", "second"}}),
            mentors.end());
}

TEST_F(MagisterFilesTest, Windows1252FilesBecomeUtf8) {
  // Excel's "CSV" save: Windows-1252, no BOM. \xD6 is Ö, \xEB is ë, \xFC is ü.
  write("leerlingen.csv", students({"2001;Zo\xEB;van;Dijk;2012-03-04;;2H1;havo 2;2",
                                    "2002;Emre;;\xD6zdemir;01-09-2011;;2V1;vwo 2;2",
                                    "2003;Elif;;M\xFCller;15-01-2013;;1K1;kader 1;1",
                                    "2004;Sam;;Bakker;02-02-2000;;2H1;havo 2;2"}));
  // A file declared UTF-8 (with a BOM) is refused as "windows-1252", so all four are CP1252 here.
  write("personeel.csv", "stamnr_str;Code;Roepnaam;Tussenv;Achternaam;Voorletters\r\n501;JAN;Ren\xE9;;Jansen;R.\r\n");
  write("ouders.csv", "stamnr;ouder_id;achternaam;email\r\n2002;p3;\xD6zdemir;a@example.org\r\n");
  write("mentoren.csv", "klas;docentcode\r\n2H1;JAN\r\n");
  for (const char* encoding : {"auto", "windows-1252"}) {
    auto s = settings();
    s["encoding"] = encoding;
    const auto read = this->read(s);
    ASSERT_TRUE(read.result.ok()) << encoding << read.dump();
    EXPECT_EQ(read.find("student", "2001")["given_name"], "Zoë") << encoding;
    EXPECT_EQ(read.find("student", "2002")["family_name"], "Özdemir") << encoding;
    EXPECT_EQ(read.find("student", "2003")["family_name"], "Müller") << encoding;
    EXPECT_EQ(read.find("staff", "501")["given_name"], "René") << encoding;
    EXPECT_EQ(read.find("guardian", "p3")["family_name"], "Özdemir") << encoding;
  }
}

TEST_F(MagisterFilesTest, ColumnsCanBeRenamedAndSwitchedOff) {
  write("leerlingen.csv", "leerlingnummer;Roepnaam;Tussenv;Achternaam;Klas;Studie;Leerfase.Leerjaar\r\n"
                          "2001;Zoe;van;Dijk;2H1;havo 2;2\r\n2002;Emre;;Ozdemir;2V1;vwo 2;2\r\n"
                          "2003;Elif;;Ozdemir;1K1;kader 1;1\r\n2004;Sam;;Bakker;2H1;havo 2;2\r\n");
  auto s = settings();
  s["columns"] = {{"students", {{"student_number", "leerlingnummer"}, {"birth_date", nullptr}, {"email", nullptr}}}};
  const auto read = this->read(s);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.kind("student").size(), 4u);
  EXPECT_FALSE(read.find("student", "2001").contains("birth_date"));
}

TEST_F(MagisterFilesTest, TablesCanBeSwitchedOff) {
  auto s = settings();
  s["files"] = {{"parents", nullptr}, {"mentors", nullptr}};
  std::filesystem::remove(dir_ / "ouders.csv");
  const auto read = this->read(s);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_TRUE(read.kind("guardian").empty());
  EXPECT_TRUE(read.kind("mentor").empty());
}

TEST_F(MagisterFilesTest, AParentLayoutWithoutAddressesUsesTheChildsAddress) {
  write("ouders.csv", "stamnr;ouder_id;achternaam;email\r\n2002;p3;Ozdemir;a@example.org\r\n"
                      "2003;p3;Ozdemir;a@example.org\r\n2002;p5;Ozdemir;b@example.org\r\n");
  const auto read = this->read(settings());
  ASSERT_TRUE(read.result.ok()) << read.dump();
  const auto p3 = read.find("guardian", "p3"), p5 = read.find("guardian", "p5");
  ASSERT_TRUE(p3["household"].is_string()) << p3;
  EXPECT_EQ(p3["household"], p5["household"]);
}

TEST_F(MagisterFilesTest, AMissingFileIsWorthAnotherTryLater) {
  std::filesystem::remove(dir_ / "personeel.csv");
  const auto read = this->read(settings());
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::unavailable);
  EXPECT_TRUE(contains(read.result.error, "personeel.csv not found")) << read.result.error;
}

}  // namespace
}  // namespace lobsync::magister_test::magister_files_test
