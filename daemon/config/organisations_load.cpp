#include "config/organisations_load.h"

namespace lobsync::config {
namespace {

constexpr std::size_t kMaxEntries = 100, kMaxLength = 100;

// A list of short texts, each one a problem at its own index when it is not.
void read_texts(Reader& r, const nlohmann::json& obj, const std::string& path, const char* key, std::vector<std::string>& out) {
  if (!obj.contains(key)) return;
  const auto& list = obj[key];
  const auto here = path + "/" + key;
  if (!list.is_array()) {
    r.problem(here, std::string("must be a list of texts, not ") + type_name(list));
    return;
  }
  if (list.size() > kMaxEntries) {
    r.problem(here, "at most " + std::to_string(kMaxEntries) + " entries");
    return;
  }
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& v = list[i];
    const auto at = here + "/" + std::to_string(i);
    if (!v.is_string()) {
      r.problem(at, std::string("must be a text, not ") + type_name(v));
    } else if (v.get<std::string>().find_first_not_of(' ') == std::string::npos || v.get<std::string>().size() > kMaxLength) {
      r.problem(at, "must be a text of 1 to " + std::to_string(kMaxLength) + " characters");
    } else {
      texts.push_back(v.get<std::string>());
    }
  }
  out = std::move(texts);
}

}  // namespace

void read_guardian_organisations(Reader& r, const nlohmann::json& school, Config& c) {
  if (!school.contains("guardian_organisations")) return;
  const std::string path = "/school/guardian_organisations";
  const auto& o = school["guardian_organisations"];
  if (!r.expect_object(o, path)) return;
  r.reject_unknown(o, path, {"names", "relations"});
  read_texts(r, o, path, "names", c.guardian_organisations.names);
  read_texts(r, o, path, "relations", c.guardian_organisations.relations);
}

}  // namespace lobsync::config
