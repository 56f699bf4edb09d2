// A digest's sections in the shared letter layout: headings, paragraphs and the action link, in
// text and in HTML, with every value escaped.
#include "messaging/letter.h"

#include <gtest/gtest.h>

namespace lobsync::messaging::digest_letter_test {
namespace {

Letter with_sections() {
  Letter l;
  l.greeting = "Beste ouder,";
  l.sections.push_back({"Gesprek – Zoë <b>", {"Wanneer: dinsdag"}, {"", "Bevestigen", "https://lob.example/p/abc"}});
  l.sections.push_back({"Gesprek – Emre", {"Wanneer: woensdag", "Waar: Lokaal 12"}, {}});
  l.signoff = {"Met vriendelijke groet,"};
  return l;
}

TEST(DigestLetter, SectionsInText) {
  const auto text = letter_text(with_sections());
  const auto first = text.find("Gesprek – Zoë <b>\n");
  const auto second = text.find("Gesprek – Emre\n");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  EXPECT_LT(first, second);
  EXPECT_NE(text.find("Bevestigen: https://lob.example/p/abc\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Waar: Lokaal 12\n"), std::string::npos);
  EXPECT_LT(second, text.find("Met vriendelijke groet,")) << "sections come before the sign-off";
}

TEST(DigestLetter, SectionsInHtmlAreEscaped) {
  const auto html = letter_html(with_sections());
  EXPECT_NE(html.find("<h2 style=\"font-size:18px;margin:24px 0 8px 0;\">Gesprek – Zoë &lt;b&gt;</h2>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("href=\"https://lob.example/p/abc\""), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  // One button: the second section has no link, and an empty sentence adds no empty paragraph.
  EXPECT_EQ(html.find("href=", html.find("href=") + 1), std::string::npos);
  EXPECT_EQ(html.find("<p style=\"margin:0 0 16px 0;\"></p>"), std::string::npos);
}

}  // namespace
}  // namespace lobsync::messaging::digest_letter_test
