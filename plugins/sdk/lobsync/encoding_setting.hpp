// The "encoding" setting of every plugin that reads exported files, declared once: "auto",
// "utf-8" or "windows-1252", with the usual other spellings ("UTF8", "cp1252") accepted.
#pragma once

#include <lobsync/settings_declaration.hpp>
#include <lobsync/text_encoding.hpp>

#include <string>
#include <string_view>

namespace lobsync::sdk {

inline std::string encoding_setting_name(std::string_view written) {
  const auto encoding = parse_encoding_setting(written);
  if (!encoding) return {};
  switch (*encoding) {
    case SourceEncoding::automatic: return "auto";
    case SourceEncoding::utf8: return "utf-8";
    case SourceEncoding::windows_1252: return "windows-1252";
  }
  return {};
}

inline settings::Setting encoding_setting(std::string default_name) {
  return settings::text("encoding")
      .one_of({"auto", "utf-8", "windows-1252"}, encoding_setting_name)
      .default_to(std::move(default_name))
      .describe("the files' character encoding; auto tells UTF-8 from Windows-1252 (an Excel CSV save)");
}

}  // namespace lobsync::sdk
