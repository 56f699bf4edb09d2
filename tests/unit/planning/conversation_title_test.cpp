// A conversation's name says who comes: the parents' conversation of a student of 18 or over,
// held without parents, is not called "met ouders"; the school's own title goes first.
#include "planning/conversation_title.h"

#include <gtest/gtest.h>

namespace lobsync::planning::conversation_title_test {
namespace {

domain::Meeting meeting(std::string type, bool with_parent) {
  domain::Meeting m;
  m.type = std::move(type);
  m.participants = {{"mentor", "t1", "Anna Jansen", "a@school.example", ""},
                    {"student", "s1", "Emre Özdemir", "e@students.example", ""}};
  if (with_parent) m.participants.push_back({"parent", "p1", "Özdemir", "p@home.example", ""});
  return m;
}

TEST(ConversationTitle, NamesWhoComes) {
  const auto& tr = messaging::shipped_translations();
  const auto policy = domain::default_policy();
  EXPECT_EQ(conversation_title(tr, "nl", policy, meeting("parents", true)), "Loopbaangesprek met ouders");
  EXPECT_EQ(conversation_title(tr, "nl", policy, meeting("parents", false)), "Voortgangsgesprek");
  EXPECT_EQ(conversation_title(tr, "en", policy, meeting("parents", false)), "Progress conversation");
  EXPECT_EQ(conversation_key(tr, policy, meeting("parents", false)), "conversation.parents.without_parents");
  // A type without a name of its own for that case keeps its name; an individual talk is one.
  EXPECT_EQ(conversation_title(tr, "nl", policy, meeting("profile_choice", false)), "Gesprek over de profielkeuze");
  EXPECT_EQ(conversation_key(tr, policy, meeting("individual", false)), "conversation.individual");
  EXPECT_EQ(conversation_title(tr, "nl", policy, meeting("made_up", true)), "LOB-gesprek");
}

TEST(ConversationTitle, TheSchoolsOwnTitleGoesFirst) {
  const auto& tr = messaging::shipped_translations();
  auto policy = domain::default_policy();
  for (auto& t : policy.types)
    if (t.id == "parents") t.titles = {{"nl", "Driehoeksgesprek"}};
  EXPECT_EQ(conversation_title(tr, "nl", policy, meeting("parents", true)), "Driehoeksgesprek");
  EXPECT_EQ(conversation_title(tr, "nl-NL", policy, meeting("parents", false)), "Driehoeksgesprek");
  EXPECT_EQ(conversation_title(tr, "en", policy, meeting("parents", true)), "Career conversation with parents");
}

}  // namespace
}  // namespace lobsync::planning::conversation_title_test
