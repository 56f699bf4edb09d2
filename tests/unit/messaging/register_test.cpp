// One register per reader in every Dutch text: parents are addressed with "u", students with
// "je", and a text that reaches both addresses neither. Which key is read by whom is the table
// below (the same as daemon/messaging/translations/README.md, "Who reads which text"); a new key
// must be placed in it before this test passes.
#include "support/test_env.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lobsync::register_test {
namespace {

enum class Reader { parent, student, family, mentor, anyone };

// The first pattern that matches a key decides ('*' matches any text, dots included).
const std::vector<std::pair<std::string_view, Reader>> kReaders{
    // Mentors: colleagues, addressed with "je" as at school; not checked.
    {"invitation.mentor.*", Reader::mentor}, {"guide.*", Reader::mentor}, {"record_form.*", Reader::mentor},
    {"assignment.feed.*", Reader::mentor}, {"assignment.role.*", Reader::mentor}, {"*.mentor", Reader::mentor},
    // Parents only.
    {"invitation.parent.*", Reader::parent}, {"booking.*", Reader::parent}, {"record_view.sign_hint", Reader::parent},
    {"record_view.you_signed", Reader::parent}, {"record_view.view_*", Reader::parent},
    {"record_view.withheld", Reader::parent}, {"record_view.parent_views", Reader::parent},
    {"record_view.error.*", Reader::parent}, {"record_view.notice.view_saved", Reader::parent},
    {"record_notice.heading", Reader::parent}, {"record_notice.text*", Reader::parent},
    {"record_notice.link_label", Reader::parent}, {"reminder.link*", Reader::parent},
    {"record_view.report.sign_hint", Reader::parent}, {"record_view.report.you_signed", Reader::parent},
    {"record_view.report.signed", Reader::parent}, {"student_report.parent_notice.*", Reader::parent},
    // Students only; a home assignment's title and steps are the student's task, so they speak
    // to the student also where a parent reads them.
    {"record_view.student_*", Reader::student}, {"record_view.share*", Reader::student},
    {"record_view.unshare", Reader::student}, {"record_view.notice.shared", Reader::student},
    {"record_view.notice.unshared", Reader::student}, {"record_notice.share_*", Reader::student},
    {"assignment.*.title", Reader::student}, {"assignment.*.steps", Reader::student},
    {"student_report.*", Reader::student},
    {"adult_question.*", Reader::student}, {"adult_choice.*", Reader::student},
    // Split by reader in the key's last part; a guardian organisation is addressed as parents are.
    {"*.parent", Reader::parent}, {"*.organisation", Reader::parent}, {"*.student", Reader::student},
    // Both parents and students read these: no "u", no "je".
    {"invitation.*", Reader::family}, {"reminder.*", Reader::family}, {"digest.*", Reader::family},
    {"assignment.*", Reader::family}, {"record_view.*", Reader::family}, {"page.*", Reader::family},
    {"conversation.*", Reader::family}, {"career_phase.*", Reader::family},
    {"interpreter.language.*", Reader::anyone},
    // Names of days and months, the language's own name.
    {"date.*", Reader::anyone}, {"meta.*", Reader::anyone}};

// A pattern has at most one '*'.
bool matches(std::string_view pattern, std::string_view key) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == key;
  const auto head = pattern.substr(0, star), tail = pattern.substr(star + 1);
  return key.size() >= head.size() + tail.size() && key.starts_with(head) && key.ends_with(tail);
}

const Reader* reader_of(std::string_view key) {
  for (const auto& [pattern, reader] : kReaders)
    if (matches(pattern, key)) return &reader;
  return nullptr;
}

// Lower-case words: runs of ASCII letters and UTF-8 bytes ("vóór" stays one word).
std::set<std::string> words(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || std::isalpha(b)) {
      word += static_cast<char>(std::tolower(b));
    } else if (!word.empty()) {
      out.insert(std::exchange(word, ""));
    }
  }
  if (!word.empty()) out.insert(word);
  return out;
}

const std::set<std::string> kInformal{"je", "jij", "jou", "jouw", "jezelf", "jullie"};
const std::set<std::string> kFormal{"u", "uw", "uzelf"};

std::vector<std::string> used(const std::set<std::string>& text_words, const std::set<std::string>& forbidden) {
  std::vector<std::string> out;
  for (const auto& w : forbidden)
    if (text_words.contains(w)) out.push_back(w);
  return out;
}

nlohmann::json dutch() {
  std::ifstream in(test::source_dir() / "daemon/messaging/translations/nl.json");
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

TEST(Register, ParentsAreAddressedWithUAndStudentsWithJe) {
  const auto texts = dutch();
  for (const auto& [key, value] : texts.items()) {
    const auto* reader = reader_of(key);
    ASSERT_NE(reader, nullptr) << key << ": not in the table of readers; place it there and in the README";
    const auto w = words(value.get<std::string>());
    if (*reader == Reader::parent || *reader == Reader::family) {
      EXPECT_TRUE(used(w, kInformal).empty()) << key << " reaches parents but says \"" << used(w, kInformal)[0] << "\"";
    }
    if (*reader == Reader::student || *reader == Reader::family) {
      EXPECT_TRUE(used(w, kFormal).empty()) << key << " reaches students but says \"" << used(w, kFormal)[0] << "\"";
    }
  }
}

TEST(Register, TheWordCheckCanFail) {
  EXPECT_EQ(used(words("Dank je wel! Vóór de les."), kInformal), std::vector<std::string>{"je"});
  EXPECT_EQ(used(words("Uw afspraak; u komt."), kFormal), (std::vector<std::string>{"u", "uw"}));
  EXPECT_TRUE(used(words("Uiterlijk juni, jeugd"), kInformal).empty());
  EXPECT_EQ(*reader_of("assignment.thanks.parent"), Reader::parent);
  EXPECT_EQ(*reader_of("record_form.role.student"), Reader::mentor);
  EXPECT_EQ(*reader_of("assignment.qualities_together.title"), Reader::student);
  EXPECT_EQ(*reader_of("assignment.page_title"), Reader::family);
  EXPECT_EQ(reader_of("new.key"), nullptr);
}

}  // namespace
}  // namespace lobsync::register_test
