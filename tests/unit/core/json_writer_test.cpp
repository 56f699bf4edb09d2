#include "core/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace lobsync {
namespace core_json_writer_test {

using nlohmann::json;

TEST(JsonWriter, WritesNestedObjectsAndArraysWithTheirCommas) {
  JsonWriter w;
  w.begin_object().member("a", "x").key("n").value(std::int64_t{-42}).key("list").begin_array();
  w.value(1).value(true).begin_object().end_object().begin_array().end_array().value("y");
  w.end_array().key("empty").begin_object().end_object().key("flag").value(false).end_object();
  const auto text = w.take();
  EXPECT_EQ(text, R"({"a":"x","n":-42,"list":[1,true,{},[],"y"],"empty":{},"flag":false})");
  EXPECT_EQ(json::parse(text), json::parse(R"({"a":"x","n":-42,"list":[1,true,{},[],"y"],"empty":{},"flag":false})"));
}

TEST(JsonWriter, LeavesOutEmptyTextAndFalse) {
  JsonWriter w;
  w.begin_object().member_nonempty("gone", "").member_nonempty("kept", "k").member_if("no", false).member_if("yes", true);
  w.end_object();
  EXPECT_EQ(w.take(), R"({"kept":"k","yes":true})");
}

TEST(JsonWriter, TakeLeavesTheWriterEmptyForTheNextDocument) {
  JsonWriter w;
  w.begin_array().value(1).end_array();
  EXPECT_EQ(w.take(), "[1]");
  w.begin_object().member("b", "c").end_object();
  EXPECT_EQ(w.take(), R"({"b":"c"})");
}

TEST(JsonWriter, EscapesTextByteForByteAsNlohmannDoes) {
  // Every ASCII byte, quotes, backslashes, line breaks, and text beyond ASCII (Dutch, Turkish,
  // Arabic, an emoji, the line separator U+2028 and a bidi override U+202E).
  std::string every_ascii;
  for (int c = 0; c < 0x80; ++c) every_ascii += static_cast<char>(c);
  for (const std::string& text : {every_ascii, std::string("Ze zei \"hoi\" \\ C:\\pad\r\n\ttab"),
                                 std::string("Björn Şeyma يوسف 😀 \u2028 \u202E"), std::string()}) {
    JsonWriter w;
    w.value(text);
    const auto written = w.take();
    EXPECT_EQ(written, json(text).dump()) << "for a text of " << text.size() << " bytes";
    EXPECT_EQ(json::parse(written).get<std::string>(), text);
  }
}

TEST(JsonWriter, NamesAreEscapedLikeValues) {
  JsonWriter w;
  w.begin_object().member("a\"b\n", "v").end_object();
  EXPECT_EQ(json::parse(w.take()), json({{"a\"b\n", "v"}}));
}

TEST(JsonWriter, ReplacesBytesThatAreNotUtf8SoTheTextIsAlwaysJson) {
  const std::string replacement = "\xEF\xBF\xBD";
  struct Case {
    std::string in, out;
  };
  for (const auto& c : {Case{"a\xFF" "b", "a" + replacement + "b"},
                        Case{"cut \xC3", "cut " + replacement},
                        Case{"overlong \xC0\xAF!", "overlong " + replacement + replacement + "!"},
                        Case{"surrogate \xED\xA0\x80.", "surrogate " + replacement + replacement + replacement + "."},
                        Case{"beyond \xF4\x90\x80\x80", "beyond " + replacement + replacement + replacement + replacement},
                        Case{"lone \x80 continuation", "lone " + replacement + " continuation"},
                        Case{"fine ë \xE2\x82", "fine ë " + replacement + replacement}}) {
    JsonWriter w;
    w.value(c.in);
    const auto parsed = json::parse(w.take(), nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << c.out;
    EXPECT_EQ(parsed.get<std::string>(), c.out);
  }
}

}  // namespace core_json_writer_test
}  // namespace lobsync
