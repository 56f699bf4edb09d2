// The school's look: a logo file read at load (PNG, SVG or JPEG, at most kMaxLogoBytes) and an
// accent colour with at least 4.5:1 contrast on white; every refusal names its key.
#include "config/load.h"

#include "support/config_problems.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <fstream>

namespace lobsync::config::school_look_test {
namespace {

void write(const std::filesystem::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

LoadResult with_school(const std::filesystem::path& dir, const std::string& school) {
  return parse_text(R"({"school": )" + school + "}", dir / "lobsync.json");
}

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest of a png";

TEST(SchoolLook, ALogoIsReadAtLoadRelativeToTheConfig) {
  test::ScratchDir dir;
  write(dir.path() / "logo.PNG", kPng);
  write(dir.path() / "logo.svg", R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>)");
  auto r = with_school(dir.path(), R"({"name": "Het College", "logo_file": "logo.PNG"})");
  ASSERT_TRUE(r.config) << (r.problems.empty() ? "" : r.problems[0].message);
  ASSERT_TRUE(r.config->logo);
  EXPECT_EQ(r.config->logo->bytes, kPng);
  EXPECT_EQ(r.config->logo->content_type, "image/png");
  EXPECT_EQ(r.config->logo->extension, "png");
  EXPECT_EQ(r.config->logo->version.size(), 16u);
  auto svg = with_school(dir.path(), R"({"logo_file": "logo.svg"})");
  ASSERT_TRUE(svg.config);
  EXPECT_EQ(svg.config->logo->content_type, "image/svg+xml");
  EXPECT_NE(svg.config->logo->version, r.config->logo->version) << "another file, another address";
  EXPECT_FALSE(with_school(dir.path(), R"({"name": "Het College"})").config->logo);
}

TEST(SchoolLook, AnUnreadableWrongOrTooLargeLogoIsAProblemAtItsKey) {
  test::ScratchDir dir;
  write(dir.path() / "big.png", kPng + std::string(kMaxLogoBytes, 'x'));
  write(dir.path() / "fake.jpg", kPng);
  write(dir.path() / "logo.gif", "GIF89a");
  std::filesystem::create_directory(dir.path() / "folder.png");
  EXPECT_TRUE(has_problem(with_school(dir.path(), R"({"logo_file": "missing.png"})"), "/school/logo_file", "missing.png"));
  EXPECT_TRUE(has_problem(with_school(dir.path(), R"({"logo_file": "big.png"})"), "/school/logo_file", "at most 262144"));
  EXPECT_TRUE(has_problem(with_school(dir.path(), R"({"logo_file": "fake.jpg"})"), "/school/logo_file", "not a image/jpeg"));
  EXPECT_TRUE(has_problem(with_school(dir.path(), R"({"logo_file": "logo.gif"})"), "/school/logo_file", "PNG, SVG or JPEG"));
  EXPECT_TRUE(has_problem(with_school(dir.path(), R"({"logo_file": "folder.png"})"), "/school/logo_file", "not a regular file"));
  EXPECT_TRUE(has_problem(with_school(dir.path(), R"({"logo_file": 7})"), "/school/logo_file", "must be a string"));
}

TEST(SchoolLook, AnAccentColourNeedsAaContrastOnWhite) {
  test::ScratchDir dir;
  auto good = with_school(dir.path(), R"({"accent_colour": "#7a1f5c"})");
  ASSERT_TRUE(good.config);
  EXPECT_EQ(good.config->accent_colour, "#7a1f5c");
  EXPECT_EQ(with_school(dir.path(), "{}").config->accent_colour, "");
  const auto pale = with_school(dir.path(), R"({"accent_colour": "#ffcc00"})");
  EXPECT_TRUE(has_problem(pale, "/school/accent_colour", "1.") && has_problem(pale, "/school/accent_colour", "at least 4.5:1"));
  for (const char* bad : {R"("blue")", R"("#12345")", R"("#12345g")", R"("1a4f9c")"})
    EXPECT_TRUE(has_problem(with_school(dir.path(), std::string(R"({"accent_colour": )") + bad + "}"), "/school/accent_colour",
                            "#rrggbb"))
        << bad;
}

TEST(SchoolLook, ContrastOnWhiteAsWcagDefinesIt) {
  EXPECT_NEAR(*contrast_on_white("#000000"), 21.0, 0.01);
  EXPECT_NEAR(*contrast_on_white("#FFFFFF"), 1.0, 0.01);
  EXPECT_NEAR(*contrast_on_white("#767676"), 4.54, 0.01);  // the lightest grey that passes
  EXPECT_LT(*contrast_on_white("#777777"), 4.5);
  EXPECT_FALSE(contrast_on_white("#fff"));
}

}  // namespace
}  // namespace lobsync::config::school_look_test
