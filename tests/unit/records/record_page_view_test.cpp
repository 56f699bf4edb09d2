// The record page's heading over the parents' own views: a guardian organisation (Nidos) is not
// "ouders", so when every view on the page is an organisation's the heading names the guardian.
#include "messaging/translations.h"
#include "selfservice/record_page_view.h"

#include <gtest/gtest.h>

namespace lobsync::selfservice::record_page_view_test {
namespace {

RecordPageView page_with_a_view(bool by_organisation) {
  RecordPageView v;
  v.language = "nl";
  v.conversation = "Loopbaangesprek met ouders";
  v.student_first_name = "Yonas";
  v.version = 1;
  v.body = {{"phases", {{"look_back", "Stage bij de bakker."}}}};
  v.reader_role = "parent";
  v.parent_views.push_back({"Stichting Nidos", "maandag 11 januari 2027 om 19:00", "Yonas wil de zorg in."});
  v.views_by_organisation = by_organisation;
  return v;
}

TEST(RecordPageView, TheViewsOfAGuardianOrganisationAreTheGuardiansNotTheParents) {
  const auto& tr = messaging::shipped_translations();
  const auto organisation = render_record_page(tr, page_with_a_view(true));
  EXPECT_NE(organisation.find("<h3>Eigen visie van de voogd</h3>"), std::string::npos) << organisation;
  EXPECT_EQ(organisation.find("Eigen visie van ouders"), std::string::npos);
  const auto parents = render_record_page(tr, page_with_a_view(false));
  EXPECT_NE(parents.find("<h3>Eigen visie van ouders</h3>"), std::string::npos) << parents;
}

// Parents read whether the AanDeBak-garantie was discussed, only where the record answers it.
TEST(RecordPageView, ParentsReadWhetherTheAanDeBakGuaranteeWasDiscussed) {
  const auto& tr = messaging::shipped_translations();
  auto v = page_with_a_view(false);
  EXPECT_EQ(render_record_page(tr, v).find("AanDeBak"), std::string::npos);
  v.body["aandebak_discussed"] = true;
  EXPECT_NE(render_record_page(tr, v).find("<p>De AanDeBak-garantie is in het gesprek besproken.</p>"), std::string::npos);
  v.body["aandebak_discussed"] = false;
  EXPECT_NE(render_record_page(tr, v).find("<p>De AanDeBak-garantie is in het gesprek niet besproken.</p>"), std::string::npos);
  v.language = "ar";
  EXPECT_NE(render_record_page(tr, v).find("AanDeBak"), std::string::npos) << "the Dutch name stays in every language";
}

}  // namespace
}  // namespace lobsync::selfservice::record_page_view_test
