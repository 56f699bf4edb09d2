#include "domain/guardian_organisations.h"

#include <lobsync/ascii.hpp>
#include <algorithm>

namespace lobsync::domain {
namespace {

// ASCII lower case: the names and relations on the list are ASCII, and a name's other letters
// then simply do not match.
using lobsync::sdk::ascii_lower;

// A letter, counting every byte of a non-ASCII character as one: "Nidos" is not in "Nidosz".
bool letter(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || u >= 0x80;
}

// `part` as whole words of `name` (both lower case).
bool has_words(const std::string& name, const std::string& part) {
  for (auto at = name.find(part); at != std::string::npos; at = name.find(part, at + 1)) {
    const auto end = at + part.size();
    if ((at == 0 || !letter(name[at - 1])) && (end == name.size() || !letter(name[end]))) return true;
  }
  return false;
}

bool recognised(const Guardian& g, const GuardianOrganisations& rules) {
  const auto name = ascii_lower(join_name(g.given_name, g.family_name_prefix, g.family_name));
  for (const auto& part : rules.names)
    if (!part.empty() && has_words(name, ascii_lower(part))) return true;
  for (const auto& link : g.students) {
    const auto relation = ascii_lower(link.relation);
    for (const auto& r : rules.relations)
      if (!r.empty() && relation == ascii_lower(r)) return true;
  }
  return false;
}

}  // namespace

GuardianOrganisations default_guardian_organisations() {
  return {{"Nidos", "William Schrikker", "Jeugdbescherming", "Leger des Heils"},
          {"voogd(instelling)", "voogd (instelling)", "instelling", "gezinsvoogdij-instelling", "voogdij-instelling"}};
}

void recognise_guardian_organisations(School& school, const GuardianOrganisations& rules) {
  for (auto& [key, g] : school.guardians)
    if (!g.is_organisation && recognised(g, rules)) g.is_organisation = true;
}

}  // namespace lobsync::domain
