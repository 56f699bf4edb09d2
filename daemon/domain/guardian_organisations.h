// Guardian organisations: a child without parents in the country (an unaccompanied minor under
// the guardianship of Nidos) or under a court's guardianship has an organisation for a guardian.
// Not every source says so (OneRoster cannot; Magister's relation may say only "Voogd"), so the
// host recognises them also by name and by relation, with a list the school can change
// (config: school.guardian_organisations). An organisation is addressed as one: no "thuis", no
// home assignment for a family table it does not sit at.
#pragma once

#include "domain/school.h"

#include <string>
#include <vector>

namespace lobsync::domain {

struct GuardianOrganisations {
  // Words in a guardian's name that make it an organisation, compared case-insensitively and
  // as whole words ("Nidos" finds "Stichting Nidos" and "NIDOS Utrecht", not "Nidosz").
  std::vector<std::string> names;
  // A relation to a student that only an organisation has, compared case-insensitively and
  // whole ("voogd(instelling)"; a plain "voogd" may be a person and is not on the list).
  std::vector<std::string> relations;
};

// The shipped list: the Dutch guardianship organisations and Somtoday's and Magister's
// organisation relations (config/README.md lists them).
GuardianOrganisations default_guardian_organisations();

// Marks every guardian the source called an organisation or the list recognises.
void recognise_guardian_organisations(School& school, const GuardianOrganisations& rules);

}  // namespace lobsync::domain
