// The translation files are read when a command starts, not when a page or message first needs
// them: a daemon that is short of file handles later still renders every page, and files that
// cannot be read stop the start with a message naming them.
#include "daemon_fixture.h"

#include <gtest/gtest.h>

namespace lobsync::test::translations_at_start_test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A lobsync binary with translation files of its own: <dir>/bin/lobsync reads
// <dir>/share/lobsync/translations (messaging/translations.h), which the test may break or remove.
fs::path binary_with_own_translations(const ScratchDir& dir) {
  fs::create_directories(dir / "bin");
  const auto program = dir / "bin/lobsync";
  std::error_code ec;
  fs::create_hard_link(binary(), program, ec);
  if (ec) fs::copy_file(binary(), program);
  const auto translations = dir / "share/lobsync/translations";
  fs::create_directories(translations);
  for (const auto& file : fs::directory_iterator(source_dir() / "daemon/messaging/translations"))
    if (file.path().extension() == ".json") fs::copy_file(file.path(), translations / file.path().filename());
  return program;
}

TEST(TranslationsAtStart, PagesStillRenderWhenTheFilesAreGoneAfterTheStart) {
  ScratchDir dir;
  const auto program = binary_with_own_translations(dir);
  Daemon daemon(write_config(dir, base_config(dir)), program);
  // What a process out of file handles sees: nothing can be opened any more.
  fs::remove_all(dir / "share");
  const auto page = daemon.get("/p/not-a-token");
  EXPECT_EQ(page.status, 404) << page.body;
  EXPECT_TRUE(contains(page.body, "<html")) << page.body;
}

TEST(TranslationsAtStart, UnreadableFilesStopTheStartNamingTheFile) {
  ScratchDir dir;
  const auto program = binary_with_own_translations(dir);
  write_file(dir / "share/lobsync/translations/nl.json", "{ \"broken\": ");
  const auto config = write_config(dir, base_config(dir));
  for (const std::string command : {"serve", "plan", "remind", "run-once", "dossier"}) {
    const auto r = run({program.string(), command, "--config", config}, std::chrono::seconds(30));
    EXPECT_EQ(r.exit_code, 1) << command << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, "translation files")) << command << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, "nl.json")) << command << "\n" << r.err;
    EXPECT_FALSE(contains(r.err, "listening on")) << command << "\n" << r.err;
  }
}

}  // namespace
}  // namespace lobsync::test::translations_at_start_test
