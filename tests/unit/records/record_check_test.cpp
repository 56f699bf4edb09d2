// The conversation record check: what is 400 (not a JSON object, too large), what is 422 (with
// the offending field named), and that a good record passes untouched.
#include "records/api_token.h"
#include "records/record_check.h"

#include <gtest/gtest.h>

#include <set>

namespace lobsync::records::record_check_test {
namespace {

using nlohmann::json;

json good() {
  return json::parse(R"({
    "phases": {"look_back": "Stage bij de bakker ging goed", "reflect": "", "look_forward": "Zorg", "act": ""},
    "competences": ["reflection_on_motives", "networking"],
    "next_steps": [{"what": "Open dag bezoeken", "owner": "student", "due": "2027-03-28"},
                   {"what": "Gesprek met decaan", "owner": "mentor"}],
    "attended": ["student", "parent", "mentor"],
    "home_assignment_discussed": true})");
}

std::set<std::string> fields_of(const CheckedRecord& checked) {
  std::set<std::string> out;
  for (const auto& e : checked.errors) out.insert(e.field);
  return out;
}

CheckedRecord check(const json& body) { return check_record(body.dump()); }

// Found by tests/fuzz/conversation_record: an unknown field named "a/b" or "~x" made a pointer
// that named another place or no place at all.
TEST(RecordCheck, UnknownFieldsAreNamedByEscapedPointers) {
  json body = good();
  body["phases"]["re/act"] = "x";
  body["~tilde"] = 1;
  const auto checked = check(body);
  EXPECT_EQ(checked.status, 422);
  EXPECT_EQ(fields_of(checked), (std::set<std::string>{"/phases/re~1act", "/~0tilde"}));
}

TEST(RecordCheck, AGoodRecordPasses) {
  const auto checked = check(good());
  EXPECT_EQ(checked.status, 0);
  EXPECT_TRUE(checked.errors.empty());
  EXPECT_EQ(checked.body, good());
  json minimal = {{"phases", {{"act", "Bellen"}}}};
  EXPECT_EQ(check(minimal).status, 0);
}

TEST(RecordCheck, NotAJsonObjectIs400) {
  for (const auto* text : {"", "{", "{\"phases\": }", "[1, 2]", "\"text\"", "42", "null", "{\"a\":1} trailing"}) {
    const auto checked = check_record(text);
    EXPECT_EQ(checked.status, 400) << text;
    ASSERT_EQ(checked.errors.size(), 1u) << text;
    EXPECT_EQ(checked.errors[0].field, "");
  }
  // Broken UTF-8 is not JSON either.
  EXPECT_EQ(check_record("{\"phases\": {\"act\": \"\xff\"}}").status, 400);
}

TEST(RecordCheck, ANumberTooLargeToReadIs400NamingItsField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"phases": {"act": "Bellen"}, "home_assignment_discussed": 1e999})", "/home_assignment_discussed"},
      {R"({"phases": {"act": "Bellen"}, "competences": ["networking", -1e400]})", "/competences/1"},
      {R"({"phases": {"act": "Bellen"}, "next_steps": [{"what": "x", "owner": "student"}, {"due": )" +
           std::string(400, '9') + "}]}",
       "/next_steps/1/due"},
      {R"({"a/b~c": 1E+999})", "/a~1b~0c"},
      {"1e999", ""}};
  for (const auto& [text, field] : cases) {
    CheckedRecord checked;
    ASSERT_NO_THROW(checked = check_record(text)) << text.substr(0, 60);
    EXPECT_EQ(checked.status, 400) << text.substr(0, 60);
    ASSERT_EQ(checked.errors.size(), 1u) << text.substr(0, 60);
    EXPECT_EQ(checked.errors[0].field, field) << text.substr(0, 60);
    EXPECT_NE(checked.errors[0].message.find("too large"), std::string::npos) << checked.errors[0].message;
  }
}

TEST(RecordCheck, OversizedIs400EvenWhenValid) {
  auto body = good();
  body["phases"]["act"] = std::string(kMaxRecordBytes, 'x');
  const auto checked = check(body);
  EXPECT_EQ(checked.status, 400);
  EXPECT_NE(checked.errors.at(0).message.find("larger than"), std::string::npos);
}

TEST(RecordCheck, ContentErrorsAre422NamingEachField) {
  auto body = good();
  body["next_steps"][0].erase("what");
  body["next_steps"][1]["owner"] = "grandma";
  body["next_steps"][1]["due"] = "2027-02-30";
  body["competences"].push_back("juggling");
  body["attended"] = json::array({"student", "student"});
  body["home_assignment_discussed"] = "yes";
  body["aandebak_discussed"] = 1;
  body["mood"] = "good";
  const auto checked = check(body);
  EXPECT_EQ(checked.status, 422);
  EXPECT_EQ(fields_of(checked), (std::set<std::string>{"/next_steps/0/what", "/next_steps/1/owner", "/next_steps/1/due",
                                                       "/competences/2", "/attended/1", "/home_assignment_discussed",
                                                       "/aandebak_discussed", "/mood"}));
}

TEST(RecordCheck, TheAanDeBakAnswerIsAnOptionalBoolean) {
  auto body = good();
  body["aandebak_discussed"] = false;
  EXPECT_EQ(check(body).status, 0) << "answered: accepted as given";
  body["aandebak_discussed"] = "nee";
  EXPECT_EQ(fields_of(check(body)), std::set<std::string>{"/aandebak_discussed"});
}

TEST(RecordCheck, PhasesNeedOneFilledInAndStayShort) {
  EXPECT_EQ(fields_of(check({{"attended", json::array()}})), std::set<std::string>{"/phases"});
  EXPECT_EQ(fields_of(check({{"phases", "text"}})), std::set<std::string>{"/phases"});
  EXPECT_EQ(fields_of(check({{"phases", {{"reflect", "  \n"}}}})), std::set<std::string>{"/phases"});
  EXPECT_EQ(fields_of(check({{"phases", {{"reflect", 3}, {"act", "x"}}}})), std::set<std::string>{"/phases/reflect"});
  EXPECT_EQ(fields_of(check({{"phases", {{"dream", "x"}, {"act", "x"}}}})), std::set<std::string>{"/phases/dream"});
  // 4000 characters is the limit, counted as characters, not bytes.
  std::string at_limit;
  for (std::size_t i = 0; i < kMaxPhaseChars; ++i) at_limit += "ë";
  EXPECT_EQ(check({{"phases", {{"act", at_limit}}}}).status, 0);
  EXPECT_EQ(fields_of(check({{"phases", {{"act", at_limit + "e"}}}})), std::set<std::string>{"/phases/act"});
}

TEST(RecordCheck, NextStepsAreChecked) {
  auto with_steps = [](json steps) { return json{{"phases", {{"act", "x"}}}, {"next_steps", std::move(steps)}}; };
  EXPECT_EQ(fields_of(check(with_steps("call"))), std::set<std::string>{"/next_steps"});
  EXPECT_EQ(fields_of(check(with_steps({"call"}))), std::set<std::string>{"/next_steps/0"});
  EXPECT_EQ(fields_of(check(with_steps({{{"what", std::string(kMaxStepChars + 1, 'x')}, {"owner", "parent"}}}))),
            std::set<std::string>{"/next_steps/0/what"});
  EXPECT_EQ(check(with_steps({{{"what", std::string(kMaxStepChars, 'x')}, {"owner", "parent"}}})).status, 0);
  EXPECT_EQ(fields_of(check(with_steps({{{"what", "x"}, {"owner", "parent"}, {"who", 1}}}))),
            std::set<std::string>{"/next_steps/0/who"});
  for (const auto* due : {"28-03-2027", "2027-3-28", "2027-13-01", "2027-03-28T10:00", "yyyy-mm-dd"})
    EXPECT_EQ(fields_of(check(with_steps({{{"what", "x"}, {"owner", "student"}, {"due", due}}}))),
              std::set<std::string>{"/next_steps/0/due"})
        << due;
  EXPECT_EQ(check(with_steps({{{"what", "x"}, {"owner", "student"}, {"due", "2028-02-29"}}})).status, 0);
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxNextSteps; ++i) many.push_back({{"what", "x"}, {"owner", "student"}});
  EXPECT_EQ(fields_of(check(with_steps(many))), std::set<std::string>{"/next_steps"});
}

TEST(RecordCheck, ErrorsJsonHasTheAgreedShape) {
  const auto out = errors_json("the record is not valid", {{"/mood", "unknown field"}});
  EXPECT_EQ(out, json::parse(R"({"error":"the record is not valid","errors":[{"field":"/mood","message":"unknown field"}]})"));
}

TEST(ApiToken, IsRandomBase64urlAndHashedAsHex) {
  const auto a = new_api_token(), b = new_api_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 32 bytes without padding
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_EQ(api_token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace lobsync::records::record_check_test
