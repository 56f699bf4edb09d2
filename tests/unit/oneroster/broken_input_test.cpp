// Broken exports: the operation fails as a whole (LOBSYNC_E_INVALID_ARGUMENT, naming file, line,
// column or byte) or reports problem records, as roster-records.md asks.
#include "oneroster_fixture.h"

#include <fstream>

namespace lobsync::plugin_host::oneroster_broken_input_test {
namespace {

using nlohmann::json;

class OneRosterBrokenInput : public OneRosterTest {
 protected:
  // Reads the v1.1 fixture after `change` and expects the operation to fail with `message`.
  template <class Change>
  void expect_failure(Change change, const std::string& message) {
    const auto folder = fixture("v1.1");
    change(folder);
    auto [result, docs] = read({{"path", folder.string()}});
    EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument) << result.error;
    EXPECT_NE(result.error.find(message), std::string::npos) << result.error;
  }
};

TEST_F(OneRosterBrokenInput, MissingManifest) {
  expect_failure([](auto dir) { std::filesystem::remove(dir / "manifest.csv"); }, "manifest.csv is missing");
}

TEST_F(OneRosterBrokenInput, DeltaExportsAreRefused) {
  expect_failure([](auto dir) { edit(dir / "manifest.csv", "file.users,bulk", "file.users,delta"); },
                 "file.users is delta; this plugin reads bulk exports only");
}

TEST_F(OneRosterBrokenInput, VersionMismatchWithTheSetting) {
  const auto folder = fixture("v1.1");
  auto [result, docs] = read({{"path", folder.string()}, {"version", "1.2"}});
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  EXPECT_NE(result.error.find("oneroster.version is 1.1"), std::string::npos) << result.error;
}

TEST_F(OneRosterBrokenInput, FileListedAsBulkButMissing) {
  expect_failure([](auto dir) { std::filesystem::remove(dir / "enrollments.csv"); },
                 "manifest.csv lists file.enrollments as bulk, but enrollments.csv is missing");
}

TEST_F(OneRosterBrokenInput, UsersMarkedAbsent) {
  expect_failure([](auto dir) { edit(dir / "manifest.csv", "file.users,bulk", "file.users,absent"); },
                 "users.csv is required");
}

TEST_F(OneRosterBrokenInput, RolesMissingIn12) {
  const auto folder = fixture("v1.2");
  std::filesystem::remove(folder / "roles.csv");
  auto [result, docs] = read({{"path", folder.string()}});
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  EXPECT_NE(result.error.find("roles.csv is missing"), std::string::npos) << result.error;
}

TEST_F(OneRosterBrokenInput, MisspelledColumnsAreListedWithSuggestions) {
  expect_failure([](auto dir) { edit(dir / "users.csv", "givenName,familyName", "givenNmae,familyname"); },
                 "users.csv: line 1: missing required column: givenName (did you mean \"givenNmae\"?)");
}

TEST_F(OneRosterBrokenInput, SemicolonSeparatedFileGetsADelimiterHint) {
  expect_failure([](auto dir) { test::write_file(dir / "orgs.csv", "sourcedId;status;name;type;identifier\n"); },
                 "separated by ';'");
}

TEST_F(OneRosterBrokenInput, EmptyUsersCsv) {
  expect_failure(
      [](auto dir) {
        auto users = test::read_file(dir / "users.csv");
        test::write_file(dir / "users.csv", users.substr(0, users.find('\n') + 1));
      },
      "users.csv has no rows");
}

TEST_F(OneRosterBrokenInput, ZeroByteFile) {
  expect_failure([](auto dir) { test::write_file(dir / "classes.csv", ""); }, "classes.csv: the file is empty");
}

TEST_F(OneRosterBrokenInput, InvalidUtf8NamesFileLineAndByte) {
  expect_failure([](auto dir) { edit(dir / "users.csv", "Zoë", "Zo\xEB"); }, "users.csv: line 5, byte ");
}

TEST_F(OneRosterBrokenInput, UnterminatedQuote) {
  expect_failure([](auto dir) { edit(dir / "users.csv", "\"p-1,p-2\"", "\"p-1,p-2"); },
                 "users.csv: line 5: quoted field 16 runs on to line 7");
}

TEST_F(OneRosterBrokenInput, UnterminatedQuoteAtTheEnd) {
  expect_failure([](auto dir) { edit(dir / "users.csv", "admin,,Beheer", "admin,,\"Beheer"); },
                 "users.csv: line 12: unterminated quoted field (field 9)");
}

TEST_F(OneRosterBrokenInput, TruncatedZip) {
  const auto archive = zip(fixture("v1.1"));
  const auto size = std::filesystem::file_size(archive);
  std::filesystem::resize_file(archive, size / 2);
  auto [result, docs] = read({{"path", archive.string()}});
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  EXPECT_NE(result.error.find("truncated or corrupt"), std::string::npos) << result.error;
  EXPECT_TRUE(docs.empty());
}

TEST_F(OneRosterBrokenInput, CorruptZipEntry) {
  const auto archive = zip(fixture("v1.1"));
  // Flip a byte inside the compressed data of the first entry (classes.csv, after its header).
  std::fstream file(archive, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(60);
  file.put('\x55');
  file.close();
  auto [result, docs] = read({{"path", archive.string()}});
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  EXPECT_NE(result.error.find("classes.csv cannot be read from the zip"), std::string::npos) << result.error;
}

TEST_F(OneRosterBrokenInput, MissingPath) {
  auto [result, docs] = read({{"path", (scratch_ / "nowhere").string()}});
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument);
  EXPECT_NE(result.error.find("no such folder or .zip file"), std::string::npos) << result.error;
}

// Per-record problems: the rest of the roster still arrives.
TEST_F(OneRosterBrokenInput, DuplicateSourcedIdDropsTheSecondRecord) {
  const auto folder = fixture("v1.1");
  edit(folder / "users.csv", "a-1,,,true,school-1,administrator", "t-1,,,true,school-1,teacher");
  auto [result, docs] = read({{"path", folder.string()}});
  ASSERT_TRUE(result.ok()) << result.error;
  auto problems = problems_at(docs, "users.csv line 12");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], (json{{"kind", "problem"}, {"record", "users.csv line 12"}, {"field", "sourcedId"},
                               {"message", "duplicate sourcedId t-1; left out"}, {"dropped", "record"}}));
  EXPECT_EQ(by_id(docs, "staff", "t-1")["given_name"], "Anna");
}

TEST_F(OneRosterBrokenInput, InvalidBirthDateDropsTheValue) {
  const auto folder = fixture("v1.1");
  edit(folder / "demographics.csv", "2012-07-01", "2012-02-30");
  auto [result, docs] = read({{"path", folder.string()}});
  ASSERT_TRUE(result.ok()) << result.error;
  auto problems = problems_at(docs, "demographics.csv line 3");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0]["field"], "birthDate");
  EXPECT_EQ(problems[0]["dropped"], "value");
  auto emre = by_id(docs, "student", "s-2");
  EXPECT_EQ(emre["family_name"], "Özdemir");
  EXPECT_FALSE(emre.contains("birth_date"));
}

TEST_F(OneRosterBrokenInput, ToBeDeletedInABulkFileIsAProblem) {
  const auto folder = fixture("v1.1");
  edit(folder / "users.csv", "s-4,,,", "s-4,tobedeleted,,");
  auto [result, docs] = read({{"path", folder.string()}});
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_TRUE(by_id(docs, "student", "s-4").is_null());
  auto problems = problems_at(docs, "users.csv line 8");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0]["field"], "status");
}

TEST_F(OneRosterBrokenInput, ShortRowIsAProblem) {
  const auto folder = fixture("v1.1");
  edit(folder / "users.csv", "a-1,,,true,school-1,administrator,admin,,Beheer,Systeem,,,,,,,,", "a-1,,,true");
  auto [result, docs] = read({{"path", folder.string()}});
  ASSERT_TRUE(result.ok()) << result.error;
  auto problems = problems_at(docs, "users.csv line 12");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0]["message"], "row has 4 fields, the header has 18");
}

}  // namespace
}  // namespace lobsync::plugin_host::oneroster_broken_input_test
