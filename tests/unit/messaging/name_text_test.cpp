// The one rule for names shown to people (messaging/name_text.h).
#include "messaging/name_text.h"

#include <gtest/gtest.h>

namespace lobsync::messaging::name_text_test {
namespace {

TEST(CleanName, RemovesControlAndDirectionCharactersAndKeepsLetters) {
  EXPECT_EQ(clean_name("Zo\xC3\xAB \xC3\x96zdemir"), "Zo\xC3\xAB \xC3\x96zdemir");
  EXPECT_EQ(clean_name("Jan\xE2\x80\xAE" "exe.pdf"), "Janexe.pdf");                       // U+202E
  for (const char* c : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",  // U+202A-D
                        "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",  // U+2066-9
                        "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C", "\xEF\xBB\xBF",      // LRM RLM ALM BOM
                        "\x01", "\x7F", "\xC2\x80", "\xC2\x9F", "\xFF"}) {                 // controls, bad byte
    EXPECT_EQ(clean_name(std::string("Ab") + c + "cd"), "Abcd") << c;
    EXPECT_TRUE(name_needs_cleaning(std::string("Ab") + c + "cd")) << c;
  }
  // Line breaks and tabs are spaces; runs of spaces collapse; the ends are trimmed.
  EXPECT_EQ(clean_name("  Jan\r\n\tde \xE2\x80\xA8 Vries "), "Jan de Vries");
  // ZWNJ is part of Persian spelling; Arabic letters stay as they are.
  EXPECT_EQ(clean_name("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85"), "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85");
  EXPECT_FALSE(name_needs_cleaning("Zo\xC3\xAB van  Dijk"));
  EXPECT_EQ(clean_name("\xE2\x80\xAE"), "");
}

}  // namespace
}  // namespace lobsync::messaging::name_text_test
