#include "config/school_look.h"

#include <lobsync/ascii.hpp>
#include <lobsync/household.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace lobsync::config {
namespace {

using lobsync::sdk::ascii_lower;

// The format's own first bytes, so a renamed file is not served under a type it is not.
bool content_agrees(std::string_view extension, std::string_view bytes) {
  if (extension == "png") return bytes.starts_with("\x89PNG\r\n\x1a\n");
  if (extension == "jpg") return bytes.starts_with("\xff\xd8\xff");
  // SVG is XML text: an <svg element near the start (after a declaration or comments).
  return bytes.substr(0, 4096).find("<svg") != std::string_view::npos;
}

// sRGB channel (0-255) to linear light, as WCAG 2's relative luminance defines it.
double linear(int channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

std::optional<SchoolLogo> read_school_logo(const std::filesystem::path& file, std::string& error) {
  auto extension = ascii_lower(file.extension().string());
  if (extension == ".jpeg") extension = ".jpg";
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".png", "image/png"}, {".svg", "image/svg+xml"}, {".jpg", "image/jpeg"}};
  const auto type = std::find_if(std::begin(kTypes), std::end(kTypes), [&](const auto& t) { return t.first == extension; });
  if (type == std::end(kTypes)) {
    error = "'" + file.string() + "' must be a PNG, SVG or JPEG file (.png, .svg, .jpg or .jpeg)";
    return std::nullopt;
  }
  auto bytes = read_small_file(file, kMaxLogoBytes, error);
  if (!bytes) return std::nullopt;
  SchoolLogo logo{std::move(*bytes), std::string(type->second), extension.substr(1), ""};
  if (!content_agrees(logo.extension, logo.bytes)) {
    error = "'" + file.string() + "' is not a " + std::string(type->second) + " file as its name says";
    return std::nullopt;
  }
  logo.version = sdk::fnv1a_hex(logo.bytes);
  return logo;
}

std::optional<double> contrast_on_white(std::string_view colour) {
  if (colour.size() != 7 || colour[0] != '#' ||
      !std::all_of(colour.begin() + 1, colour.end(), [](unsigned char c) { return std::isxdigit(c); }))
    return std::nullopt;
  const auto channel = [&](int at) { return std::stoi(std::string(colour.substr(at, 2)), nullptr, 16); };
  const double luminance = 0.2126 * linear(channel(1)) + 0.7152 * linear(channel(3)) + 0.0722 * linear(channel(5));
  return 1.05 / (luminance + 0.05);
}

}  // namespace lobsync::config
