#include "messaging/translations.h"

#include "messaging/bidi_text.h"

#include <lobsync/ascii.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace lobsync::messaging {
namespace {

using lobsync::sdk::ascii_lower;

namespace fs = std::filesystem;
using Texts = std::map<std::string, std::string, std::less<>>;

// "nl", "en", "pt-br", "zh-hant": a primary subtag of 2 or 3 letters and optional subtags.
bool is_language_code(std::string_view code) {
  bool primary = true;
  while (true) {
    const auto end = std::min(code.find('-'), code.size());
    const auto part = code.substr(0, end);
    const auto allowed = [&](char c) { return (c >= 'a' && c <= 'z') || (!primary && c >= '0' && c <= '9'); };
    if (part.size() < 2 || part.size() > (primary ? 3u : 8u) || !std::all_of(part.begin(), part.end(), allowed)) return false;
    if (end == code.size()) return true;
    code.remove_prefix(end + 1);
    primary = false;
  }
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw TranslationError(file.filename().string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);  // editors on Windows add a BOM
  return content;
}

std::string line_and_column(const std::string& text, std::size_t byte) {
  // nlohmann counts the offending byte from 1.
  const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n') + 1;
  const auto line_start = text.rfind('\n', end == 0 ? 0 : end - 1);
  const std::size_t column = line_start == std::string::npos || end == 0 ? end + 1 : end - line_start;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string type_name(const nlohmann::json& value) { return value.type_name(); }

Texts parse_language_file(const fs::path& file) {
  const std::string name = file.filename().string();
  const std::string text = read_file(file);
  std::set<std::string> seen;
  std::string duplicate;
  // The callback sees each key of the top-level object (depth 1) once as it is read.
  const nlohmann::json::parser_callback_t watch_keys = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1 && !seen.insert(parsed.get<std::string>()).second && duplicate.empty()) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text, watch_keys);
  } catch (const nlohmann::json::parse_error& e) {
    throw TranslationError(name + ": invalid JSON at " + line_and_column(text, e.byte) + " (" + e.what() + ")");
  } catch (const nlohmann::json::exception& e) {  // a number too large is out_of_range, not a parse error
    throw TranslationError(name + ": invalid JSON (" + e.what() + ")");
  }
  if (!document.is_object()) throw TranslationError(name + ": must be a JSON object of key → text, not " + type_name(document));
  if (!duplicate.empty()) throw TranslationError(name + ": key '" + duplicate + "' is given twice");
  Texts texts;
  for (const auto& [key, value] : document.items()) {
    if (!value.is_string()) {
      throw TranslationError(name + ": key '" + key + "' must be a string, not " + type_name(value));
    }
    texts.emplace(key, value.get<std::string>());
  }
  return texts;
}

std::string placeholder_list(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "{" : ", {") + n + "}";
  return out;
}

void check_placeholders(const std::string& language, const Texts& texts, const std::string& default_language,
                        const Texts& reference) {
  for (const auto& [key, value] : texts) {
    const auto it = reference.find(key);
    if (it == reference.end()) continue;  // unknown keys are reported by unknown(), never shown
    const auto expected = placeholders(it->second);
    const auto found = placeholders(value);
    if (found != expected) {
      throw TranslationError(language + ".json: key '" + key + "' has placeholders " + placeholder_list(found) +
                             " but " + default_language + ".json has " + placeholder_list(expected));
    }
  }
}

bool is_placeholder_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::vector<std::string> placeholders(std::string_view text) {
  std::set<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    std::size_t end = open + 1;
    while (end < text.size() && is_placeholder_char(text[end])) ++end;
    if (end < text.size() && text[end] == '}' && end > open + 1) names.emplace(text.substr(open + 1, end - open - 1));
  }
  return {names.begin(), names.end()};
}

Translations Translations::load(const std::filesystem::path& folder, std::string default_language) {
  Translations t;
  t.default_language_ = ascii_lower(default_language);
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw TranslationError("translation folder not found: " + folder.string());
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".json" && entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string code = ascii_lower(file.stem().string());
    if (!is_language_code(code)) {
      throw TranslationError(file.filename().string() + ": the file name is not a language code such as nl.json or pt-br.json");
    }
    if (t.languages_.contains(code)) throw TranslationError(file.filename().string() + ": language '" + code + "' is given twice");
    t.languages_.emplace(code, parse_language_file(file));
  }
  const auto reference = t.languages_.find(t.default_language_);
  if (reference == t.languages_.end()) {
    throw TranslationError("the default language file " + t.default_language_ + ".json is missing in " + folder.string());
  }
  for (const auto& [code, texts] : t.languages_) {
    if (code != t.default_language_) check_placeholders(code, texts, t.default_language_, reference->second);
  }
  return t;
}

std::vector<std::string> Translations::languages() const {
  std::vector<std::string> out;
  for (const auto& [code, texts] : languages_) out.push_back(code);
  return out;
}

std::string Translations::resolve(std::string_view language) const {
  std::string code = ascii_lower(language);
  std::replace(code.begin(), code.end(), '_', '-');
  if (languages_.contains(code)) return code;
  const std::string primary = code.substr(0, code.find('-'));
  if (languages_.contains(primary)) return primary;
  return default_language_;
}

const Translations::Texts& Translations::texts_of(std::string_view resolved) const {
  const auto it = languages_.find(resolved);
  return it != languages_.end() ? it->second : languages_.find(default_language_)->second;
}

std::string Translations::text(std::string_view language, std::string_view key, const Values& values) const {
  const Texts& own = texts_of(resolve(language));
  const Texts& fallback = texts_of(default_language_);
  std::string_view pattern = key;
  if (const auto it = own.find(key); it != own.end()) {
    pattern = it->second;
  } else if (const auto d = fallback.find(key); d != fallback.end()) {
    pattern = d->second;
  }
  // A name, address or date filled into right-to-left text is isolated, so its own direction
  // cannot reorder the words and punctuation around it. Date parts are the language's own words.
  const auto direction = own.find("meta.direction");
  const bool isolate = direction != own.end() && direction->second == "rtl" && !key.starts_with("date.");
  // One pass over the pattern: a substituted value is copied, never scanned for placeholders.
  std::string out;
  out.reserve(pattern.size() + 32);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      std::size_t end = i + 1;
      while (end < pattern.size() && is_placeholder_char(pattern[end])) ++end;
      if (end < pattern.size() && pattern[end] == '}' && end > i + 1) {
        if (const auto v = values.find(pattern.substr(i + 1, end - i - 1)); v != values.end()) {
          out += isolate ? isolated(v->second) : v->second;
          i = end;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

bool Translations::has(std::string_view key) const { return texts_of(default_language_).contains(key); }

std::vector<std::string> Translations::missing(std::string_view language) const {
  const Texts& own = texts_of(resolve(language));
  std::vector<std::string> out;
  for (const auto& [key, value] : texts_of(default_language_)) {
    if (!own.contains(key)) out.push_back(key);
  }
  return out;
}

std::vector<std::string> Translations::unknown(std::string_view language) const {
  const Texts& reference = texts_of(default_language_);
  std::vector<std::string> out;
  for (const auto& [key, value] : texts_of(resolve(language))) {
    if (!reference.contains(key)) out.push_back(key);
  }
  return out;
}

}  // namespace lobsync::messaging
