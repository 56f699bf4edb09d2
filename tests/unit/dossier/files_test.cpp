// The dossier-files sink: one JSON file and one Dutch HTML page per record version in a folder
// per student, written once per key, escaped, in the school's local time, and clear errors
// for broken requests and folders it cannot write.
#include "dossier_fixture.h"

#include <algorithm>

namespace lobsync::dossier_test::dossier_files_test {
namespace {

namespace fs = std::filesystem;

class DossierFilesTest : public DossierTest {
 protected:
  json settings() const { return {{"folder", (dir_ / "dossiers").string()}}; }
  std::unique_ptr<PluginInstance> sink(json s) { return make("dossier-files", s); }
  std::unique_ptr<PluginInstance> sink() { return sink(settings()); }

  fs::path file(const std::string& relative) const { return dir_ / "dossiers" / relative; }
  std::string html(const std::string& student, const std::string& base) const {
    return test::read_file(file(student + "/" + base + ".html"));
  }

  // Every file below the dossier folder, relative, sorted: also shows stray temporary files.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "dossiers")) {
      if (e.is_regular_file()) out.push_back(fs::relative(e.path(), dir_ / "dossiers").generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  test::ScratchDir dir_;
};

TEST_F(DossierFilesTest, WritesJsonAndHtmlPerVersionIntoTheStudentsFolder) {
  auto instance = sink();
  const json record = sample_record("r-7f3a", 1);
  const auto out = call(*instance, push_request(record));
  ASSERT_TRUE(out.result.ok()) << out.dump();
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0], json({{"duplicate", false}, {"json", "12345/r-7f3a-v1.json"}, {"html", "12345/r-7f3a-v1.html"}}));
  EXPECT_EQ(files(), (std::vector<std::string>{"12345/r-7f3a-v1.html", "12345/r-7f3a-v1.json"}));
  // The JSON file is the record itself, as queued.
  EXPECT_EQ(json::parse(test::read_file(file("12345/r-7f3a-v1.json"))), record);
}

TEST_F(DossierFilesTest, HtmlPageIsDutchSelfContainedAndComplete) {
  auto instance = sink();
  ASSERT_TRUE(call(*instance, push_request(sample_record())).result.ok());
  const std::string page = html("12345", "r-7f3a-v1");
  for (const char* expected :
       {"<!DOCTYPE html>", "<html lang=\"nl\">", "<meta charset=\"utf-8\">", "<h2>Terugkijken</h2>",
        "<h2>Reflecteren</h2>", "<h2>Vooruitkijken</h2>", "<h2>Activeren</h2>", "Snuffelstage bij de bakker.",
        "Vroeg opstaan ging goed.\nKlantcontact vond Sam spannend.", "<li>motievenreflectie</li>",
        "<li>kwaliteitenreflectie</li>", "<li>werkexploratie</li>", "<li>loopbaansturing</li>", "<li>netwerken</li>",
        "<li>omgaan met verwachtingen</li>", "Sam de Vries (klas 2H1)", "12345", "Loopbaangesprek met ouders",
        "maandag 11 januari 2027, 15:30–16:00", "J. Mentor", "leerling, ouder, mentor",
        "<th>Loopbaanfase</th><td>Verkennen</td>",
        "<th>Thuisopdracht besproken</th><td>ja</td>", "Open dag bezoeken", "maandag 1 februari 2027",
        "Ondertekend door ouder op dinsdag 12 januari 2027 om 20:05.", "Eens.",
        "definitief op maandag 11 januari 2027 om 17:10", "Versie 1 van verslag r-7f3a", "Profiel E&amp;M of N&amp;T?"}) {
    EXPECT_TRUE(contains(page, expected)) << "missing: " << expected << "\n" << page;
  }
  // Self-contained: nothing is fetched from elsewhere and nothing runs.
  for (const char* absent : {"<script", "src=", "href=", "http://", "https://", "<link"}) {
    EXPECT_FALSE(contains(page, absent)) << "found: " << absent;
  }
}

TEST_F(DossierFilesTest, AStudentsReportIsItsOwnEntryWithItsOwnPage) {
  auto instance = sink();
  ASSERT_TRUE(call(*instance, push_request(sample_record())).result.ok());
  const auto out = call(*instance, push_request(sample_student_report()));
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_EQ(out.docs.at(0)["json"], "12345/m-91_student-v1.json");
  EXPECT_EQ(files(), (std::vector<std::string>{"12345/m-91_student-v1.html", "12345/m-91_student-v1.json",
                                               "12345/r-7f3a-v1.html", "12345/r-7f3a-v1.json"}));
  const std::string page = html("12345", "m-91_student-v1");
  for (const char* expected : {"<h1>Verslag van de leerling</h1>", "<h2>Reflectie</h2>", "ik &lt;graag&gt; met mensen",
                               "<h2>Loopbaanactiviteiten in deze fase</h2>", ">Open dag ROC</li>", ">Meeloopdag zorg</li>",
                               "Ondertekend door ouder op dinsdag 12 januari 2027 om 20:05.", "Geschreven door Sam de Vries"})
    EXPECT_TRUE(contains(page, expected)) << "missing: " << expected << "\n" << page;
  for (const char* absent : {"Terugkijken", "Thuisopdracht besproken", "Aanwezig"}) EXPECT_FALSE(contains(page, absent)) << absent;
}

TEST_F(DossierFilesTest, HtmlSaysWhatIsMissing) {
  json record = sample_record();
  record.erase("sign_off");
  record["competences"] = json::array();
  record["next_steps"] = json::array();
  record["phases"] = {{"look_back", "Stage."}};
  record["home_assignment_discussed"] = false;
  auto instance = sink();
  ASSERT_TRUE(call(*instance, push_request(record)).result.ok());
  const std::string page = html("12345", "r-7f3a-v1");
  for (const char* expected : {"<p>Nog niet ondertekend.</p>", "<p class=\"empty\">Geen genoemd.</p>",
                               "<p class=\"empty\">Geen afspraken.</p>", "<h2>Reflecteren</h2>\n<p class=\"empty\">Niet ingevuld.</p>",
                               "<th>Thuisopdracht besproken</th><td>nee</td>"}) {
    EXPECT_TRUE(contains(page, expected)) << "missing: " << expected << "\n" << page;
  }
  EXPECT_FALSE(contains(page, "Reactie van ouder"));
  EXPECT_FALSE(contains(page, "AanDeBak")) << "a type that does not ask it shows no line";
}

TEST_F(DossierFilesTest, HtmlSaysWhetherTheAanDeBakGuaranteeWasDiscussed) {
  json record = sample_record();
  record["meeting"]["type"] = "profile_choice";
  record["aandebak_discussed"] = true;
  auto instance = sink();
  ASSERT_TRUE(call(*instance, push_request(record)).result.ok());
  EXPECT_TRUE(contains(html("12345", "r-7f3a-v1"), "<th>AanDeBak-garantie besproken</th><td>ja</td>"));
  record["aandebak_discussed"] = false;
  record["version"] = 2;
  record["previous_version"] = 1;
  ASSERT_TRUE(call(*instance, push_request(record)).result.ok());
  EXPECT_TRUE(contains(html("12345", "r-7f3a-v2"), "<th>AanDeBak-garantie besproken</th><td>nee</td>"));
}

TEST_F(DossierFilesTest, EveryValueIsEscapedInTheHtml) {
  const std::string evil = "<script>alert(\"x\")</script>'";
  const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;";
  json record = sample_record();
  for (const char* at : {"/student/name", "/student/class", "/student/student_number", "/meeting/title",
                         "/meeting/mentor", "/phases/look_back", "/phases/reflect", "/phases/look_forward",
                         "/phases/act", "/next_steps/0/what", "/sign_off/parent_view", "/written_by", "/id"}) {
    record[json::json_pointer(at)] = evil + at;
  }
  auto instance = sink();
  const auto out = call(*instance, push_request(record));
  ASSERT_TRUE(out.result.ok()) << out.dump();
  const std::string page = test::read_file(dir_ / "dossiers" / out.docs[0]["html"].get<std::string>());
  EXPECT_FALSE(contains(page, "<script")) << page;
  EXPECT_FALSE(contains(page, "alert(\"")) << page;
  for (const char* at : {"/student/name", "/student/class", "/student/student_number", "/meeting/title",
                         "/meeting/mentor", "/phases/look_back", "/phases/reflect", "/phases/look_forward",
                         "/phases/act", "/next_steps/0/what", "/sign_off/parent_view", "/written_by", "/id"}) {
    EXPECT_TRUE(contains(page, escaped + at)) << at << "\n" << page;
  }
}

TEST_F(DossierFilesTest, KeepsUtf8AsIs) {
  json record = sample_record();
  record["student"]["name"] = "Zoë Çelik-Ōta";
  record["phases"]["reflect"] = "Één ding: café, naïef, 😀, مرحبا";
  auto instance = sink();
  ASSERT_TRUE(call(*instance, push_request(record)).result.ok());
  const std::string page = html("12345", "r-7f3a-v1");
  EXPECT_TRUE(contains(page, "Zoë Çelik-Ōta (klas 2H1)"));
  EXPECT_TRUE(contains(page, "Één ding: café, naïef, 😀, مرحبا"));
  EXPECT_TRUE(contains(test::read_file(file("12345/r-7f3a-v1.json")), "Zoë Çelik-Ōta"));
}

TEST_F(DossierFilesTest, SameKeyAgainWritesNothing) {
  auto instance = sink();
  const json first = sample_record();
  ASSERT_TRUE(call(*instance, push_request(first)).result.ok());
  const std::string page = html("12345", "r-7f3a-v1");

  // Delivered again after a crash: nothing new, and the answer says so.
  const auto again = call(*instance, push_request(first));
  ASSERT_TRUE(again.result.ok()) << again.dump();
  EXPECT_TRUE(again.docs.at(0)["duplicate"].get<bool>());

  // Even a (wrong) different content under the same key keeps the first files.
  json changed = first;
  changed["phases"]["act"] = "Iets anders.";
  const auto third = call(*instance, push_request(changed));
  ASSERT_TRUE(third.result.ok()) << third.dump();
  EXPECT_TRUE(third.docs.at(0)["duplicate"].get<bool>());
  EXPECT_EQ(html("12345", "r-7f3a-v1"), page);
  EXPECT_EQ(json::parse(test::read_file(file("12345/r-7f3a-v1.json"))), first);
  EXPECT_EQ(files().size(), 2u);
}

TEST_F(DossierFilesTest, AnEditGetsFilesOfItsOwn) {
  auto instance = sink();
  ASSERT_TRUE(call(*instance, push_request(sample_record("r-7f3a", 1))).result.ok());
  json edited = sample_record("r-7f3a", 2);
  edited["phases"]["act"] = "Open dag mbo en havo bezoeken.";
  const auto out = call(*instance, push_request(edited));
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_FALSE(out.docs.at(0)["duplicate"].get<bool>());
  EXPECT_EQ(files(), (std::vector<std::string>{"12345/r-7f3a-v1.html", "12345/r-7f3a-v1.json", "12345/r-7f3a-v2.html",
                                               "12345/r-7f3a-v2.json"}));
  EXPECT_TRUE(contains(html("12345", "r-7f3a-v2"), "Versie 2 (vervangt versie 1)"));
  EXPECT_TRUE(contains(html("12345", "r-7f3a-v2"), "Open dag mbo en havo bezoeken."));
  EXPECT_FALSE(contains(html("12345", "r-7f3a-v1"), "havo"));
}

TEST_F(DossierFilesTest, HtmlCanBeTurnedOff) {
  json s = settings();
  s["html"] = false;
  auto instance = sink(s);
  const auto out = call(*instance, push_request(sample_record()));
  ASSERT_TRUE(out.result.ok()) << out.dump();
  EXPECT_FALSE(out.docs.at(0).contains("html"));
  EXPECT_EQ(files(), std::vector<std::string>{"12345/r-7f3a-v1.json"});
}

TEST_F(DossierFilesTest, StudentWithoutNumberGetsAFolderNamedAfterTheKey) {
  json record = sample_record();
  record["student"].erase("student_number");
  auto instance = sink();
  ASSERT_TRUE(call(*instance, push_request(record)).result.ok());
  EXPECT_EQ(files(), (std::vector<std::string>{"src_123/r-7f3a-v1.html", "src_123/r-7f3a-v1.json"}));
}

TEST_F(DossierFilesTest, NamesCannotLeaveTheFolder) {
  json record = sample_record("../../r-1", 1);
  record["student"]["student_number"] = "../..";
  auto instance = sink();
  const auto out = call(*instance, push_request(record));
  ASSERT_TRUE(out.result.ok()) << out.dump();
  ASSERT_EQ(files().size(), 2u);
  for (const auto& f : files()) EXPECT_EQ(f.find('/'), f.rfind('/')) << f;  // one folder level
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 1);
}

// The last Sundays of March and October move the clock; the page shows school time.
TEST_F(DossierFilesTest, TimesAreLocalAcrossDaylightSavingChanges) {
  struct Case {
    const char* start;
    const char* end;
    const char* shown;
  };
  const std::vector<Case> cases = {
      {"2027-03-26T14:30:00Z", "2027-03-26T15:00:00Z", "vrijdag 26 maart 2027, 15:30–16:00"},   // CET
      {"2027-03-29T13:30:00Z", "2027-03-29T14:00:00Z", "maandag 29 maart 2027, 15:30–16:00"},   // CEST
      {"2026-10-23T13:30:00Z", "2026-10-23T14:00:00Z", "vrijdag 23 oktober 2026, 15:30–16:00"},  // CEST
      {"2026-10-26T14:30:00Z", "2026-10-26T15:00:00Z", "maandag 26 oktober 2026, 15:30–16:00"},  // CET
  };
  auto instance = sink();
  int n = 0;
  for (const auto& c : cases) {
    json record = sample_record("r-dst-" + std::to_string(++n));
    record["meeting"]["start"] = c.start;
    record["meeting"]["end"] = c.end;
    ASSERT_TRUE(call(*instance, push_request(record)).result.ok());
    EXPECT_TRUE(contains(html("12345", "r-dst-" + std::to_string(n) + "-v1"), c.shown)) << c.shown;
  }
  // Around the jump itself: 01:59:59 UTC is still winter time, 01:00 UTC is already summer time.
  json before = sample_record("r-jump-1");
  before["final_at"] = "2027-03-28T00:59:59Z";
  json after = sample_record("r-jump-2");
  after["final_at"] = "2027-03-28T01:00:00Z";
  ASSERT_TRUE(call(*instance, push_request(before)).result.ok());
  ASSERT_TRUE(call(*instance, push_request(after)).result.ok());
  EXPECT_TRUE(contains(html("12345", "r-jump-1-v1"), "definitief op zondag 28 maart 2027 om 01:59"));
  EXPECT_TRUE(contains(html("12345", "r-jump-2-v1"), "definitief op zondag 28 maart 2027 om 03:00"));
}

TEST_F(DossierFilesTest, BrokenRequestIsRefusedNamingTheFieldAndWritesNothing) {
  auto instance = sink();
  json request = push_request(sample_record());
  request["record"]["meeting"].erase("start");
  const auto out = call(*instance, request);
  EXPECT_EQ(out.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << out.dump();
  EXPECT_TRUE(contains(out.result.error, "/record/meeting/start: missing")) << out.result.error;
  EXPECT_TRUE(files().empty());

  const auto other = call(*instance, push_request(sample_record()), "dossier.pull");
  EXPECT_EQ(other.result.status, lobsync::plugin_host::CallStatus::not_supported) << other.dump();
}

TEST_F(DossierFilesTest, FolderThatCannotBeCreatedIsAConfigError) {
  test::write_file(dir_ / "a-file", "not a folder");
  std::string error;
  EXPECT_EQ(try_make("dossier-files", {{"folder", (dir_ / "a-file" / "dossiers").string()}}, error), nullptr);
  EXPECT_TRUE(contains(error, "cannot create dossier folder")) << error;
}

TEST_F(DossierFilesTest, UnwritableStudentFolderIsUnavailableAndARetryWorks) {
  auto instance = sink();
  // Something in the way of the student's folder (a share that went read-only behaves alike).
  test::write_file(file("12345"), "in the way");
  const auto out = call(*instance, push_request(sample_record()));
  EXPECT_EQ(out.result.status, lobsync::plugin_host::CallStatus::unavailable) << out.dump();
  EXPECT_FALSE(contains(out.result.error, "Sam")) << out.result.error;  // no personal data in errors

  fs::remove(file("12345"));
  const auto retry = call(*instance, push_request(sample_record()));
  ASSERT_TRUE(retry.result.ok()) << retry.dump();
  EXPECT_FALSE(retry.docs.at(0)["duplicate"].get<bool>());
}

TEST_F(DossierFilesTest, SettingsAreChecked) {
  EXPECT_TRUE(check("dossier-files", settings()).empty()) << dump(check("dossier-files", settings()));
  EXPECT_TRUE(check("dossier-files", {{"folder", "x"}, {"html", false}, {"school_timezone", "Europe/Brussels"}}).empty());
  auto problems = check("dossier-files", json::object());
  EXPECT_TRUE(has(problems, "/plugins/dossier/folder", "missing")) << dump(problems);
  problems = check("dossier-files", {{"folder", ""}, {"html", "yes"}, {"school_timezone", "Europe/Nergens"}, {"foldr", "x"}});
  EXPECT_TRUE(has(problems, "/plugins/dossier/folder", "non-empty")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dossier/html", "true or false")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dossier/school_timezone", "time zone")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dossier/foldr", "unknown setting")) << dump(problems);
  std::string error;
  EXPECT_EQ(try_make("dossier-files", {{"folder", 3}}, error), nullptr);
  EXPECT_TRUE(contains(error, "/folder")) << error;
}

}  // namespace
}  // namespace lobsync::dossier_test::dossier_files_test
