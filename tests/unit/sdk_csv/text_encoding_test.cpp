// decode_text: the bytes of real exports (UTF-8 with and without BOM, Excel's Windows-1252)
// become the same UTF-8 names, and bytes that fit no encoding fail with line and byte.
#include <lobsync/text_encoding.hpp>

#include <gtest/gtest.h>

namespace lobsync::sdk::text_encoding_test {
namespace {

std::string error_of(std::string_view bytes, SourceEncoding encoding) {
  try {
    decode_text(bytes, encoding, "users.csv");
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_INVALID_ARGUMENT);
    return e.what();
  }
  return "(no error)";
}

TEST(TextEncoding, StripsTheUtf8ByteOrderMark) {
  auto text = decode_text("\xEF\xBB\xBFname\nZo\xC3\xAB\n", SourceEncoding::utf8, "f.csv");
  EXPECT_EQ(text.utf8, "name\nZo\xC3\xAB\n");
  EXPECT_EQ(text.detected, "utf-8 with BOM");
  EXPECT_EQ(decode_text("a", SourceEncoding::automatic, "f").detected, "utf-8");
}

TEST(TextEncoding, Windows1252BytesBecomeTheRightCharacters) {
  // 0xD6 Ö, 0xEB ë, 0x80 €, 0x9A š: Excel's "CSV" save of Özdemir, Zoë, a euro sign, Škoda.
  auto text = decode_text("\xD6zdemir;Zo\xEB;\x80;\x9A", SourceEncoding::windows_1252, "f.csv");
  EXPECT_EQ(text.utf8, "\xC3\x96zdemir;Zo\xC3\xAB;\xE2\x82\xAC;\xC5\xA1");
  EXPECT_EQ(text.detected, "windows-1252");
}

TEST(TextEncoding, UndefinedWindows1252ByteNamesLineAndByte) {
  auto message = error_of("a\nb\x81", SourceEncoding::windows_1252);
  EXPECT_NE(message.find("users.csv: line 2, byte 4"), std::string::npos) << message;
  EXPECT_NE(message.find("0x81"), std::string::npos) << message;
}

TEST(TextEncoding, InvalidUtf8NamesLineAndByte) {
  auto message = error_of("sourcedId\nu1,Zo\xEB\n", SourceEncoding::utf8);
  EXPECT_EQ(message.rfind("users.csv: line 2, byte 16: invalid UTF-8 (byte 0xEB)", 0), 0u) << message;
  // With a BOM, the byte number still counts from the start of the file.
  message = error_of("\xEF\xBB\xBF" "a\xC3", SourceEncoding::utf8);
  EXPECT_NE(message.find("line 1, byte 5"), std::string::npos) << message;
}

TEST(TextEncoding, RejectsOverlongAndSurrogateForms) {
  EXPECT_NE(error_of("\xC0\xAF", SourceEncoding::utf8).find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(error_of("\xED\xA0\x80", SourceEncoding::utf8).find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(error_of("\xF4\x90\x80\x80", SourceEncoding::utf8).find("invalid UTF-8"), std::string::npos);
}

TEST(TextEncoding, AutomaticKeepsValidUtf8) {
  // Wiśniewska: ś does not exist in Windows-1252, so only UTF-8 can carry it.
  auto text = decode_text("Wi\xC5\x9Bniewska", SourceEncoding::automatic, "f.csv");
  EXPECT_EQ(text.utf8, "Wi\xC5\x9Bniewska");
  EXPECT_EQ(text.detected, "utf-8");
}

TEST(TextEncoding, AutomaticFallsBackToWindows1252AndSaysSo) {
  auto text = decode_text("\xD6zdemir", SourceEncoding::automatic, "f.csv");
  EXPECT_EQ(text.utf8, "\xC3\x96zdemir");
  EXPECT_EQ(text.detected, "windows-1252");
}

TEST(TextEncoding, AutomaticTrustsADeclaredBom) {
  auto message = error_of("\xEF\xBB\xBFZo\xEB", SourceEncoding::automatic);
  EXPECT_NE(message.find("invalid UTF-8"), std::string::npos) << message;
}

TEST(TextEncoding, Windows1252RefusesAFileMarkedUtf8) {
  EXPECT_NE(error_of("\xEF\xBB\xBFZo\xC3\xAB", SourceEncoding::windows_1252).find("byte order mark"), std::string::npos);
}

TEST(TextEncoding, RefusesUtf16AndBinary) {
  EXPECT_NE(error_of(std::string_view("\xFF\xFEn\0", 4), SourceEncoding::automatic).find("UTF-16"), std::string::npos);
  EXPECT_NE(error_of(std::string_view("ab\0", 3), SourceEncoding::automatic).find("NUL"), std::string::npos);
}

TEST(TextEncoding, EmptyInputIsEmptyText) {
  EXPECT_EQ(decode_text("", SourceEncoding::utf8, "f").utf8, "");
}

TEST(TextEncoding, ParsesTheSetting) {
  EXPECT_EQ(parse_encoding_setting("auto"), SourceEncoding::automatic);
  EXPECT_EQ(parse_encoding_setting("UTF-8"), SourceEncoding::utf8);
  EXPECT_EQ(parse_encoding_setting("windows-1252"), SourceEncoding::windows_1252);
  EXPECT_EQ(parse_encoding_setting("latin1"), std::nullopt);
}

}  // namespace
}  // namespace lobsync::sdk::text_encoding_test
