// Translation files: the shipped ones are complete, broken ones are refused with the file and
// key named, and lookups fall back as documented.
#include "messaging/translations.h"

#include "messaging/bidi_text.h"
#include "messaging/message_error.h"
#include "support/test_env.h"

#include <date/date.h>
#include <gtest/gtest.h>

namespace lobsync::messaging::translations_test {
namespace {

namespace fs = std::filesystem;

fs::path shipped_dir() { return test::source_dir() / "daemon/messaging/translations"; }

Instant utc(date::sys_days day, int hour, int minute) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(day + std::chrono::hours(hour) + std::chrono::minutes(minute));
}

using date::literals::operator""_y;
using date::literals::operator""_d;

// A folder with a minimal default language and `other` as <name>.
struct Folder {
  test::ScratchDir dir;
  explicit Folder(const std::string& other_name = "", const std::string& other_text = "") {
    test::write_file(dir / "nl.json", R"({"greeting": "Beste {student},", "plain": "Hallo", "pair": "{a} en {b}"})");
    if (!other_name.empty()) test::write_file(dir / other_name, other_text);
  }
};

std::string load_error(const Folder& folder) {
  try {
    Translations::load(folder.dir.path());
  } catch (const TranslationError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Translations, ShippedLanguagesAreCompleteWithTheSamePlaceholders) {
  const auto t = Translations::load(shipped_dir());
  const auto languages = t.languages();
  EXPECT_NE(std::find(languages.begin(), languages.end(), "nl"), languages.end());
  for (const char* shipped : {"en", "ar", "pl", "tr", "uk"}) {
    EXPECT_NE(std::find(languages.begin(), languages.end(), shipped), languages.end()) << shipped;
  }
  EXPECT_EQ(t.text("ar", "meta.direction"), "rtl");
  for (const auto& language : languages) {
    EXPECT_EQ(t.missing(language), std::vector<std::string>{}) << language;
    EXPECT_EQ(t.unknown(language), std::vector<std::string>{}) << language;
    const auto direction = t.text(language, "meta.direction");
    EXPECT_TRUE(direction == "ltr" || direction == "rtl") << language;
    EXPECT_NE(t.text(language, "meta.language_name"), "meta.language_name") << language;
  }
  // load() refuses differing placeholders; check the property directly as well.
  test::ScratchDir copy;
  fs::copy(shipped_dir(), copy.path(), fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(copy.path())) {
    if (entry.path().extension() != ".json") continue;
    const auto json = nlohmann::json::parse(test::read_file(entry.path()));
    const auto reference = nlohmann::json::parse(test::read_file(copy / "nl.json"));
    for (const auto& [key, value] : reference.items()) {
      ASSERT_TRUE(json.contains(key)) << entry.path().filename() << " " << key;
      EXPECT_EQ(placeholders(json[key].get<std::string>()), placeholders(value.get<std::string>()))
          << entry.path().filename() << " " << key;
    }
  }
}

TEST(Translations, TheBuildTreeCopyIsFound) {
  const auto dir = default_translations_dir();
  EXPECT_TRUE(fs::exists(dir / "nl.json")) << dir;
  EXPECT_TRUE(fs::exists(dir / "en.json")) << dir;

  test::ScratchDir root;
  test::write_file(root / "usr/share/lobsync/translations/nl.json", "{}");
  test::write_file(root / "build/share/lobsync/translations/nl.json", "{}");
  fs::create_directories(root / "usr/bin");
  EXPECT_EQ(find_translations_dir(root / "usr/bin"), (root / "usr/share/lobsync/translations").lexically_normal());
  EXPECT_EQ(find_translations_dir(root / "build"), (root / "build/share/lobsync/translations").lexically_normal());
  EXPECT_EQ(find_translations_dir(root / "elsewhere").filename(), "translations");
}

TEST(Translations, ResolvesLanguageTags) {
  Folder folder("pt-br.json", R"({"plain": "Olá"})");
  test::write_file(folder.dir / "EN.json", R"({"plain": "Hello"})");
  const auto t = Translations::load(folder.dir.path());
  EXPECT_EQ(t.languages(), (std::vector<std::string>{"en", "nl", "pt-br"}));
  EXPECT_EQ(t.resolve("nl-BE"), "nl");
  EXPECT_EQ(t.resolve("EN"), "en");
  EXPECT_EQ(t.resolve("en_GB"), "en");
  EXPECT_EQ(t.resolve("pt-BR"), "pt-br");
  EXPECT_EQ(t.resolve("pt_br"), "pt-br");
  EXPECT_EQ(t.resolve("pt"), "nl");
  EXPECT_EQ(t.resolve("fr"), "nl");
  EXPECT_EQ(t.resolve(""), "nl");
}

TEST(Translations, AFileNameMustBeALanguageCode) {
  for (const std::string good : {"zh-hant.json", "pap.json", "sr-latn-rs.json", "es-419.json"}) {
    Folder folder(good, R"({"plain": "x"})");
    EXPECT_EQ(load_error(folder), "no error") << good;
  }
  for (const std::string bad : {"n.json", "nederlands.json", "pt-.json", "pt--br.json", "pt-b.json", "-nl.json",
                                "nl-abcdefghi.json", "n1.json", "nl_be.json", "nl-b\xC3\xA9.json"}) {
    Folder folder(bad, R"({"plain": "x"})");
    EXPECT_NE(load_error(folder).find("is not a language code"), std::string::npos) << bad;
  }
}

TEST(Translations, TextFallsBackAndNeverReinterpretsValues) {
  Folder folder("en.json", R"({"greeting": "Dear {student},"})");
  const auto t = Translations::load(folder.dir.path());
  EXPECT_EQ(t.text("en", "greeting", {{"student", "Zoë"}}), "Dear Zoë,");
  EXPECT_EQ(t.text("en", "plain"), "Hallo") << "missing in en: the default language";
  EXPECT_EQ(t.text("fr", "greeting", {{"student", "Zoë"}}), "Beste Zoë,") << "unknown language: the default";
  EXPECT_EQ(t.text("en", "no.such.key"), "no.such.key");
  EXPECT_EQ(t.text("nl", "pair", {{"a", "{b}"}, {"b", "x"}}), "{b} en x") << "a value is copied, not expanded";
  EXPECT_EQ(t.text("nl", "pair", {{"a", "1"}}), "1 en {b}") << "a placeholder without value stays";
  EXPECT_EQ(t.missing("en"), (std::vector<std::string>{"pair", "plain"}));
  EXPECT_TRUE(t.has("plain"));
  EXPECT_FALSE(t.has("no.such.key"));
  EXPECT_EQ(placeholders("{a} {b_2} { c} {} {{d}} x}"), (std::vector<std::string>{"a", "b_2", "d"}));
}

TEST(Translations, BrokenFilesAreRefusedNamingFileAndKey) {
  const auto bad_json = load_error(Folder("en.json", "{\n  \"greeting\": \"Dear {student},\",\n  \"plain\": \"Hello\"\n  \"pair\": \"x\"\n}"));
  EXPECT_NE(bad_json.find("en.json"), std::string::npos) << bad_json;
  EXPECT_NE(bad_json.find("line 4"), std::string::npos) << bad_json;

  const auto not_string = load_error(Folder("en.json", R"({"plain": 42})"));
  EXPECT_NE(not_string.find("en.json"), std::string::npos) << not_string;
  EXPECT_NE(not_string.find("'plain'"), std::string::npos) << not_string;

  const auto nested = load_error(Folder("en.json", R"({"plain": {"x": "y"}})"));
  EXPECT_NE(nested.find("'plain'"), std::string::npos) << nested;

  const auto placeholder = load_error(Folder("en.json", R"({"greeting": "Dear {name},"})"));
  EXPECT_NE(placeholder.find("en.json"), std::string::npos) << placeholder;
  EXPECT_NE(placeholder.find("'greeting'"), std::string::npos) << placeholder;
  EXPECT_NE(placeholder.find("{name}"), std::string::npos) << placeholder;

  const auto dropped = load_error(Folder("en.json", R"({"pair": "{a} and b"})"));
  EXPECT_NE(dropped.find("'pair'"), std::string::npos) << dropped;

  const auto twice = load_error(Folder("en.json", R"({"plain": "Hello", "plain": "Hi"})"));
  EXPECT_NE(twice.find("'plain' is given twice"), std::string::npos) << twice;

  const auto array = load_error(Folder("en.json", R"(["plain"])"));
  EXPECT_NE(array.find("en.json"), std::string::npos) << array;

  const auto bad_name = load_error(Folder("english.json", "{}"));
  EXPECT_NE(bad_name.find("english.json"), std::string::npos) << bad_name;

  const auto bad_utf8 = load_error(Folder("en.json", "{\"plain\": \"Zo\xEB\"}"));
  EXPECT_NE(bad_utf8.find("en.json"), std::string::npos) << bad_utf8;

  const auto truncated = load_error(Folder("en.json", "{\"plain\": \"Hel"));
  EXPECT_NE(truncated.find("en.json"), std::string::npos) << truncated;

  test::ScratchDir no_default;
  test::write_file(no_default / "en.json", "{}");
  EXPECT_THROW(Translations::load(no_default.path()), TranslationError);
  EXPECT_THROW(Translations::load(no_default / "missing"), TranslationError);

  Folder with_bom("en.json", "\xEF\xBB\xBF{\"plain\": \"Hello\"}");
  EXPECT_EQ(Translations::load(with_bom.dir.path()).text("en", "plain"), "Hello");
}

TEST(Translations, DatesInWordsAcrossDaylightSaving) {
  const auto t = Translations::load(shipped_dir());
  const auto start = utc(2026_y / date::December / 1_d, 14, 0);
  const auto end = start + std::chrono::minutes(30);
  EXPECT_EQ(format_date_time(t, "nl", start, end, "Europe/Amsterdam"), "dinsdag 1 december 2026, 15:00–15:30");
  EXPECT_EQ(format_date_time(t, "en", start, end, "Europe/Amsterdam"), "Tuesday 1 December 2026, 15:00–15:30");
  EXPECT_EQ(format_day_time(t, "nl", start, "Europe/Amsterdam"), "dinsdag 1 december, 15:00");
  // Sunday 29 March 2026: 02:00 → 03:00. 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST.
  EXPECT_EQ(format_date_time(t, "nl", utc(2026_y / date::March / 29_d, 0, 30), utc(2026_y / date::March / 29_d, 1, 30),
                             "Europe/Amsterdam"),
            "zondag 29 maart 2026, 01:30–03:30");
  // Sunday 25 October 2026: 03:00 → 02:00. Friday before at 13:00 UTC is 15:00; Monday after 14:00 UTC is 15:00.
  EXPECT_EQ(format_day_time(t, "nl", utc(2026_y / date::October / 23_d, 13, 0), "Europe/Amsterdam"), "vrijdag 23 oktober, 15:00");
  EXPECT_EQ(format_day_time(t, "nl", utc(2026_y / date::October / 26_d, 14, 0), "Europe/Amsterdam"), "maandag 26 oktober, 15:00");
  EXPECT_EQ(format_day_time(t, "en", utc(2027_y / date::March / 29_d, 13, 0), "Europe/Amsterdam"), "Monday 29 March, 15:00");
  EXPECT_EQ(format_date_time(t, "nl", utc(2026_y / date::December / 31_d, 22, 30), utc(2027_y / date::January / 1_d, 0, 30),
                             "Europe/Amsterdam"),
            "donderdag 31 december 2026, 23:30 – vrijdag 1 januari 2027, 01:30");
  EXPECT_THROW(format_date_time(t, "nl", start, end, "Mars/Olympus"), MessageError);
}

TEST(Translations, CalendarDatesInWords) {
  const auto t = Translations::load(shipped_dir());
  EXPECT_EQ(format_date(t, "nl", "2027-01-15"), "vrijdag 15 januari 2027");
  EXPECT_EQ(format_date(t, "en", "2027-01-15"), "Friday 15 January 2027");
  EXPECT_EQ(format_date(t, "en", "2027-03-31"), "Wednesday 31 March 2027");
  // Not a real day: shown as written rather than hidden.
  EXPECT_EQ(format_date(t, "nl", "2027-02-30"), "2027-02-30");
  EXPECT_EQ(format_date(t, "nl", ""), "");
  // A moment in full (local time, across the change to winter time).
  EXPECT_EQ(format_moment(t, "nl", utc(2026_y / date::October / 26_d, 16, 19), "Europe/Amsterdam"),
            "maandag 26 oktober 2026, 17:19");
  EXPECT_EQ(format_moment(t, "en", utc(2026_y / date::October / 24_d, 15, 19), "Europe/Amsterdam"),
            "Saturday 24 October 2026, 17:19");
}

TEST(Translations, DatesInEveryShippedLanguage) {
  const auto t = Translations::load(shipped_dir());
  const auto start = utc(2026_y / date::December / 7_d, 14, 0);  // a Monday, 15:00 in Amsterdam
  const auto end = start + std::chrono::minutes(30);
  EXPECT_EQ(format_date_time(t, "ar", start, end, "Europe/Amsterdam"), "الاثنين 7 ديسمبر 2026، من 15:00 إلى 15:30");
  EXPECT_EQ(format_date_time(t, "pl", start, end, "Europe/Amsterdam"), "poniedziałek, 7 grudnia 2026, 15:00–15:30");
  EXPECT_EQ(format_date_time(t, "tr", start, end, "Europe/Amsterdam"), "7 Aralık 2026 Pazartesi, 15:00–15:30");
  EXPECT_EQ(format_date_time(t, "uk", start, end, "Europe/Amsterdam"), "понеділок, 7 грудня 2026 р., 15:00–15:30");
  EXPECT_EQ(format_day_time(t, "tr", start, "Europe/Amsterdam"), "7 Aralık Pazartesi, 15:00");
  EXPECT_EQ(format_date(t, "uk", "2027-01-15"), "пʼятниця, 15 січня 2027 р.");
  EXPECT_EQ(format_date(t, "pl", "2027-05-31"), "poniedziałek, 31 maja 2027");
}

// Values filled into right-to-left text are isolated (FSI … PDI), dates are not split up, and
// html_text turns matched isolates into <bdi> while a lone one typed by someone stays text.
TEST(Translations, RightToLeftValuesAreIsolated) {
  const auto t = Translations::load(shipped_dir());
  const std::string fsi = "\u2068", pdi = "\u2069";
  EXPECT_EQ(t.text("ar", "reminder.mentor", {{"mentor", "J. Bakker"}}), "المرشد: " + fsi + "J. Bakker" + pdi);
  EXPECT_EQ(t.text("ar", "date.format.day_time", {{"date", "x"}, {"start", "15:00"}}), "x، 15:00");
  EXPECT_EQ(t.text("ar", "reminder.where", {{"location", ""}}), "المكان: ") << "an empty value gets no isolates";
  EXPECT_EQ(t.text("pl", "reminder.mentor", {{"mentor", "J. Bakker"}}), "Wychowawca: J. Bakker");
  EXPECT_EQ(html_text("a " + fsi + "<b>" + pdi + " c"), "a <bdi>&lt;b&gt;</bdi> c");
  EXPECT_EQ(html_text(fsi + "x " + fsi + "y" + pdi + pdi), "<bdi>x <bdi>y</bdi></bdi>");
  EXPECT_EQ(html_text("open " + fsi + "only"), "open " + fsi + "only");
  EXPECT_EQ(html_text(pdi + "close only"), pdi + "close only");
  EXPECT_EQ(html_text("plain & simple"), "plain &amp; simple");
}

TEST(Translations, HtmlEscape) {
  EXPECT_EQ(html_escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
  EXPECT_EQ(html_escape("Zoë"), "Zoë");
}

}  // namespace
}  // namespace lobsync::messaging::translations_test
