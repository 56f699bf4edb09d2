// Turning a SIS export's bytes into UTF-8 text, for every plugin that reads files.
//
// Dutch SIS exports arrive as UTF-8 (with or without a byte order mark) or as Windows-1252 (an
// Excel "CSV" save). Names such as Özdemir or Zoë must survive either way, so decoding never
// guesses silently: a byte that does not fit the chosen encoding fails with the line and byte,
// and `detected` says what was used so the plugin can log it.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::sdk {

// The "encoding" plugin setting: "auto", "utf-8" or "windows-1252".
enum class SourceEncoding { automatic, utf8, windows_1252 };

struct DecodedText {
  std::string utf8;
  std::string detected;  // "utf-8", "utf-8 with BOM" or "windows-1252"
};

// Accepts the usual spellings an administrator might write ("UTF8", "cp1252", "latin1" is not
// accepted: ISO-8859-1 differs from Windows-1252 in 0x80-0x9F, and we would rather ask).
inline std::optional<SourceEncoding> parse_encoding_setting(std::string_view value) {
  std::string v;
  for (char c : value) v += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (v == "auto") return SourceEncoding::automatic;
  if (v == "utf-8" || v == "utf8") return SourceEncoding::utf8;
  if (v == "windows-1252" || v == "cp1252") return SourceEncoding::windows_1252;
  return std::nullopt;
}

namespace detail {

// 1-based line and byte of `offset`, for messages an administrator can find in an editor.
inline std::string byte_position(std::string_view source, std::string_view bytes, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) line += bytes[i] == '\n' ? 1 : 0;
  return std::string(source) + ": line " + std::to_string(line) + ", byte " + std::to_string(offset + 1);
}

inline std::string hex_byte(char c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
  return hex;
}

// Length of the valid UTF-8 sequence at `i`, or 0 when it is invalid (overlong forms,
// surrogates and code points above U+10FFFF are invalid too).
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
  else return 0;
  if (i + len > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return len;
}

// Offset of the first invalid UTF-8 byte, or npos.
inline std::size_t first_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Windows-1252 0x80-0x9F; 0 marks the five bytes the code page leaves undefined.
inline constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

inline std::string from_windows_1252(std::string_view bytes, std::string_view source) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::uint32_t cp = c;
    if (c >= 0x80 && c <= 0x9F) {
      cp = kCp1252High[c - 0x80];
      if (cp == 0) {
        throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                    byte_position(source, bytes, i) + ": byte " + hex_byte(bytes[i]) +
                        " is not defined in Windows-1252; is the file in another encoding?");
      }
    }
    append_utf8(out, cp);
  }
  return out;
}

inline void reject_binary(std::string_view bytes, std::string_view source) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                std::string(source) + ": the file is UTF-16; export it as UTF-8 (or Windows-1252) instead");
  }
  // A NUL byte means a binary file or UTF-16 without a mark; no encoding here would read it right.
  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, byte_position(source, bytes, nul) + ": NUL byte; this is not a text file");
  }
}

}  // namespace detail

// Decodes `bytes` to UTF-8. A UTF-8 byte order mark is stripped (and, being a declaration, makes
// the rest UTF-8 also in automatic mode). Throws Error(LOBSYNC_E_INVALID_ARGUMENT) naming
// `source_name`, line and byte when a byte does not fit the encoding.
inline DecodedText decode_text(std::string_view bytes, SourceEncoding encoding, std::string_view source_name) {
  detail::reject_binary(bytes, source_name);
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  const std::string_view body = bom ? bytes.substr(3) : bytes;
  const std::string utf8_name = bom ? "utf-8 with BOM" : "utf-8";
  const std::size_t invalid = detail::first_invalid_utf8(body);
  const auto fail_utf8 = [&](std::string_view hint) {
    const std::size_t at = invalid + (bom ? 3 : 0);
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, detail::byte_position(source_name, bytes, at) + ": invalid UTF-8 (byte " +
                                                detail::hex_byte(bytes[at]) + ")" + std::string(hint));
  };
  switch (encoding) {
    case SourceEncoding::utf8:
      if (invalid != std::string_view::npos) fail_utf8(R"(; if the file is Windows-1252, set "encoding" to "windows-1252" or "auto")");
      return {std::string(body), utf8_name};
    case SourceEncoding::windows_1252:
      // Reading a marked UTF-8 file as Windows-1252 would turn every "ë" into "Ã«".
      if (bom) {
        throw Error(LOBSYNC_E_INVALID_ARGUMENT, std::string(source_name) +
                                                    R"(: starts with a UTF-8 byte order mark but "encoding" is "windows-1252"; set it to "utf-8" or "auto")");
      }
      return {detail::from_windows_1252(body, source_name), "windows-1252"};
    case SourceEncoding::automatic:
      if (invalid == std::string_view::npos) return {std::string(body), utf8_name};
      if (bom) fail_utf8(" (the file declares UTF-8 with a byte order mark)");
      return {detail::from_windows_1252(body, source_name), "windows-1252"};
  }
  throw Error(LOBSYNC_E_INTERNAL, "unknown encoding");
}

// Whether a name shows that an earlier export step lost letters: Windows-1252 cannot hold "ı",
// "ń" or "Ş", and a step that writes it replaces them by '?' ("Y?lmaz", "Wi?niewska", "?ahin").
// The signal is a '?' with a letter (ASCII, or any non-ASCII character) right before or after
// it: no name holds one of its own, while a lone "?" is a placeholder for "unknown", not damage.
// Decoding cannot bring the letter back; the plugin reports it and keeps the name, so the
// administrator can fix the export.
inline bool has_lost_letters(std::string_view name) {
  const auto letter = [&](std::size_t i) {
    const auto c = static_cast<unsigned char>(name[i]);
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '?') continue;
    if ((i > 0 && letter(i - 1)) || (i + 1 < name.size() && letter(i + 1))) return true;
  }
  return false;
}

}  // namespace lobsync::sdk
