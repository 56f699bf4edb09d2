#include "levels.hpp"

#include <lobsync/ascii.hpp>
#include <cctype>

namespace somtoday {
namespace {

using lobsync::sdk::ascii_lower;

bool has(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

}  // namespace

std::string level_from_onderwijssoort(const std::string& onderwijssoort) {
  const std::string s = ascii_lower(onderwijssoort);
  // Most specific first: "vmbo-kader" must not fall through to a generic match.
  if (has(s, "vmbo") || has(s, "mavo")) {
    if (has(s, "basis") || has(s, "bb")) return "vmbo-bb";
    if (has(s, "kader") || has(s, "kb")) return "vmbo-kb";
    if (has(s, "gemengd") || has(s, "gl")) return "vmbo-gl";
    if (has(s, "theoretisch") || has(s, "tl") || has(s, "mavo")) return "vmbo-tl";
    return "other";
  }
  if (has(s, "internationale schakel") || s == "isk" || s.starts_with("isk ") || s.starts_with("isk-")) return "isk";
  if (has(s, "praktijkonderwijs") || s == "pro" || s.starts_with("pro ") || s.starts_with("pro-")) return "pro";
  if (has(s, "havo")) return "havo";  // also "havo/vwo" bridge classes: the lower level is the safe one
  if (has(s, "vwo") || has(s, "atheneum") || has(s, "gymnasium")) return "vwo";
  return "other";
}

}  // namespace somtoday
