// One word for one thing in every Dutch text: the domain terms of the LOB sources (the home
// assignment is a "thuisopdracht"; a conversation's four phases are terugkijken, reflecteren,
// vooruitkijken, activeren), the same in mails, pages, the mentor's guide, records and the
// dossier. The glossary is in daemon/messaging/translations/README.md.
#include "support/test_env.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace lobsync::glossary_test {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Glossary, DutchTextsUseTheWordsOfTheLobSources) {
  const auto dutch = nlohmann::json::parse(read(test::source_dir() / "daemon/messaging/translations/nl.json"));
  // Words the sources do not use for these things; each has its glossary word.
  const std::vector<std::pair<std::string, std::string>> avoided{
      {"huisopdracht", "thuisopdracht"}, {"terugblikken", "terugkijken"}};
  for (const auto& [key, value] : dutch.items()) {
    if (!value.is_string()) continue;
    const auto text = lower(value.get<std::string>());
    for (const auto& [word, instead] : avoided) {
      // "thuisopdracht" contains "huisopdracht": only a word that does not start with "t" counts.
      for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        if (word == "huisopdracht" && at > 0 && text[at - 1] == 't') continue;
        ADD_FAILURE() << key << ": \"" << word << "\" where the glossary says \"" << instead << "\"";
      }
    }
  }
  for (const char* prefix : {"guide.", "record_view.phase.", "record_form.phase."}) {
    const auto name = [&](const std::string& phase) {
      const std::string key = std::string(prefix) + phase + (std::string(prefix) == "guide." ? ".title" : "");
      return dutch.value(key, std::string("(missing ") + key + ")");
    };
    EXPECT_EQ(name("look_back"), "Terugkijken") << prefix;
    EXPECT_EQ(name("reflect"), "Reflecteren") << prefix;
    EXPECT_EQ(name("look_forward"), "Vooruitkijken") << prefix;
    EXPECT_EQ(name("act"), "Activeren") << prefix;
  }
}

TEST(Glossary, TheDossierAndTheDefaultGuideNameThePhasesAlike) {
  const auto dossier = read(test::source_dir() / "plugins/dossier-files/dutch_text.cpp");
  const auto guide = read(test::source_dir() / "daemon/domain/default_policy.cpp");
  for (const char* phase : {"Terugkijken", "Reflecteren", "Vooruitkijken", "Activeren"}) {
    EXPECT_NE(dossier.find(std::string("\"") + phase + "\""), std::string::npos) << phase << " in the dossier";
    EXPECT_NE(guide.find(std::string("\"") + phase + ":"), std::string::npos) << phase << " in the default guide";
  }
  EXPECT_EQ(lower(dossier).find("huisopdracht"), std::string::npos);
}

}  // namespace
}  // namespace lobsync::glossary_test
