// The school's own look on the self-service pages: "school": {"logo_file", "accent_colour"}, both
// optional. Checked when the config is read, so a page never meets a missing, oversized or
// unreadable logo, and never a colour its buttons and links cannot be read in.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::config {

inline constexpr std::size_t kMaxLogoBytes = 256 * 1024;
// WCAG 2 AA for normal text: buttons (white on the colour) and links (the colour on white).
inline constexpr double kMinAccentContrast = 4.5;

struct SchoolLogo {
  std::string bytes;
  std::string content_type;  // image/png, image/svg+xml or image/jpeg
  std::string extension;     // png, svg or jpg: the served name's ending
  std::string version;       // a fingerprint of the bytes, for the served name
};

// The logo when `file` is a PNG, SVG or JPEG (by its name's ending, and its content agrees) of at
// most kMaxLogoBytes; else nullopt and `error` says why (never with the file's content).
std::optional<SchoolLogo> read_school_logo(const std::filesystem::path& file, std::string& error);

// The contrast ratio of "#rrggbb" on white (1 to 21, as WCAG 2 defines it); nullopt when
// `colour` is not #rrggbb.
std::optional<double> contrast_on_white(std::string_view colour);

// The bytes of a regular file of at most `limit` bytes, else nullopt and `error`
// (logo_file.cpp: the config fuzz target replaces it, so it never reads the machine's files).
std::optional<std::string> read_small_file(const std::filesystem::path& file, std::size_t limit, std::string& error);

}  // namespace lobsync::config
