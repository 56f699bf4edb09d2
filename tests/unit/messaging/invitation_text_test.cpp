// Invitation texts rendered for every role, kind and shipped language, with names that try to
// be markup and languages that do not exist.
#include "messaging/invitation_text.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

#include <regex>

namespace lobsync::messaging::invitation_text_test {
namespace {

Translations shipped() { return Translations::load(test::source_dir() / "daemon/messaging/translations"); }

InvitationFacts facts(std::string language, std::string role, std::string kind) {
  InvitationFacts f;
  f.language = std::move(language);
  f.recipient_role = std::move(role);
  f.kind = std::move(kind);
  f.conversation_type = "parents";
  f.student_name = "Zoë de Vries";
  f.mentor_name = "Mentor Jansen";
  f.school_name = "Het Voorbeeld College";
  f.location = "Lokaal 2.14";
  f.start = instant_from_unix_ms(1'796'133'600'000);  // 2026-12-01 14:00 UTC, 15:00 in Amsterdam
  f.end = f.start + std::chrono::minutes(30);
  f.link = "https://planner.school.example/r/abc?t=1&u=2";
  f.guide = {"Wat vond je van de stage bij de bakker?"};
  return f;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A {placeholder} that was not filled in.
bool has_placeholder(const std::string& text) { return std::regex_search(text, std::regex("\\{[A-Za-z0-9_]+\\}")); }

TEST(InvitationText, RendersEveryRoleAndKindInEveryShippedLanguage) {
  const auto t = shipped();
  const std::map<std::string, std::map<std::string, std::string>> subject_start{
      {"nl", {{"new", "Uitnodiging: "}, {"update", "Gewijzigd: "}, {"cancel", "Vervalt: "}}},
      {"en", {{"new", "Invitation: "}, {"update", "Changed: "}, {"cancel", "Cancelled: "}}},
      {"ar", {{"new", "دعوة: "}, {"update", "تغيير: "}, {"cancel", "إلغاء: "}}},
      {"pl", {{"new", "Zaproszenie: "}, {"update", "Zmiana: "}, {"cancel", "Odwołane: "}}},
      {"tr", {{"new", "Davet: "}, {"update", "Değişiklik: "}, {"cancel", "İptal: "}}},
      {"uk", {{"new", "Запрошення: "}, {"update", "Зміни: "}, {"cancel", "Скасовано: "}}}};
  // Every shipped language is rendered below; the ones this project ships must all be there.
  for (const auto& [language, starts] : subject_start) {
    EXPECT_EQ(t.resolve(language), language) << language << ".json is not shipped";
  }
  for (const auto& language : t.languages()) {
    for (const std::string role : {"student", "parent", "mentor"}) {
      for (const std::string kind : {"new", "update", "cancel"}) {
        SCOPED_TRACE(language + " " + role + " " + kind);
        const auto r = render_invitation(t, facts(language, role, kind));
        if (subject_start.contains(language)) {
          EXPECT_EQ(r.subject.rfind(subject_start.at(language).at(kind), 0), 0u) << r.subject;
        }
        EXPECT_TRUE(contains(r.subject, "Zoë de Vries")) << r.subject;
        EXPECT_EQ(r.subject.find_first_of("\r\n"), std::string::npos);
        EXPECT_TRUE(contains(r.text, t.text(language, "invitation.greeting." + role,
                                            {{"student", "Zoë de Vries"}, {"student_first_name", "Zoë de Vries"},
                                             {"mentor", "Mentor Jansen"}})));
        EXPECT_TRUE(contains(r.text, t.text(language, "invitation." + kind + "." + role,
                                            {{"student", "Zoë de Vries"}, {"mentor", "Mentor Jansen"}})));
        // Arabic writes the range in words: "15:00–15:30" would show its two times swapped
        // for a reader who reads the line right to left.
        EXPECT_TRUE(contains(r.text, language == "ar" ? "من 15:00 إلى 15:30" : "15:00–15:30")) << r.text;
        EXPECT_TRUE(contains(r.text, "Lokaal 2.14"));
        EXPECT_FALSE(has_placeholder(r.subject + r.text + r.html)) << r.subject << r.text;
        EXPECT_TRUE(contains(r.html, "<html lang=\"" + language + "\" dir=\"" + t.text(language, "meta.direction") + "\">"))
            << r.html;
        EXPECT_TRUE(contains(r.html, "Zo\xC3\xAB de Vries"));
        const bool link = role == "parent" && kind != "cancel";
        EXPECT_EQ(contains(r.text, "https://planner.school.example/r/abc?t=1&u=2"), link);
        EXPECT_EQ(contains(r.html, "href=\"https://planner.school.example/r/abc?t=1&amp;u=2\""), link);
        const bool guide = role == "mentor" && kind != "cancel";
        EXPECT_EQ(contains(r.text, t.text(language, "guide.reflect.prompt")), guide);
        EXPECT_EQ(contains(r.html, "de stage bij de bakker"), guide);
      }
    }
  }
}

TEST(InvitationText, DutchTextsReadAsIntended) {
  const auto t = shipped();
  auto parent = render_invitation(t, facts("nl", "parent", "new"));
  EXPECT_EQ(parent.subject, "Uitnodiging: Loopbaangesprek met ouders – Zoë de Vries, dinsdag 1 december, 15:00");
  EXPECT_TRUE(contains(parent.text, "Beste ouder of verzorger van Zoë de Vries,\n\n"));
  EXPECT_TRUE(contains(parent.text, "Wanneer: dinsdag 1 december 2026, 15:00–15:30\n"));
  EXPECT_TRUE(contains(parent.text, "Past dit moment niet? Kies via deze link een ander moment of bevestig dat u komt:\n"
                                    "https://planner.school.example/r/abc?t=1&u=2\n"));
  EXPECT_TRUE(contains(parent.text, "Met vriendelijke groet,\nMentor Jansen\nHet Voorbeeld College\n"));

  const auto mentor = render_invitation(t, facts("nl", "mentor", "update"));
  EXPECT_TRUE(mentor.subject.rfind("Gewijzigd: ", 0) == 0);
  EXPECT_TRUE(contains(mentor.text, "Gespreksleidraad\n1. Terugkijken: "));
  EXPECT_TRUE(contains(mentor.text, "2. Reflecteren: "));
  EXPECT_TRUE(contains(mentor.text, "3. Vooruitkijken: "));
  EXPECT_TRUE(contains(mentor.text, "4. Activeren: "));
  EXPECT_TRUE(contains(mentor.text, "- Wat vond je van de stage bij de bakker?\n"));
  EXPECT_TRUE(contains(mentor.html, "<ol "));

  const auto cancel = render_invitation(t, facts("nl", "student", "cancel"));
  EXPECT_TRUE(contains(cancel.text, "vervalt"));
  EXPECT_TRUE(cancel.subject.rfind("Vervalt: ", 0) == 0);
}

TEST(InvitationText, StudentsAreGreetedByTheirFirstName) {
  const auto t = shipped();
  auto student = facts("nl", "student", "new");
  student.student_first_name = "Zoë";
  EXPECT_TRUE(contains(render_invitation(t, student).text, "Beste Zoë,\n\n")) << render_invitation(t, student).text;
  auto parent = facts("nl", "parent", "new");
  parent.student_first_name = "Zoë";
  EXPECT_TRUE(contains(render_invitation(t, parent).text, "Beste ouder of verzorger van Zoë de Vries,\n\n"));
  student.student_first_name.clear();  // not known (a student who left): the whole name, never an empty greeting
  EXPECT_TRUE(contains(render_invitation(t, student).text, "Beste Zoë de Vries,\n\n"));
}

TEST(InvitationText, AGuardianOrganisationIsAddressedAsOneNotAsAFamilyAtHome) {
  const auto t = shipped();
  auto organisation = facts("nl", "parent", "new");
  organisation.organisation = true;
  const auto nl = render_invitation(t, organisation);
  EXPECT_TRUE(contains(nl.text, "Geachte voogd van Zoë de Vries,\n\n")) << nl.text;
  EXPECT_FALSE(contains(nl.text, "ouder of verzorger"));
  EXPECT_FALSE(contains(nl.text, "thuis")) << nl.text;
  EXPECT_TRUE(contains(nl.text, "Neem gerust mee wat u weet over wat Zoë de Vries leuk vindt en goed kan"));
  organisation.language = "en";
  EXPECT_TRUE(contains(render_invitation(t, organisation).text, "Dear guardian of Zoë de Vries,"));
  // The flag means nothing for a student or a mentor.
  auto student = facts("nl", "student", "new");
  student.organisation = true;
  student.student_first_name = "Zoë";
  EXPECT_TRUE(contains(render_invitation(t, student).text, "Beste Zoë,\n\n"));
}

TEST(InvitationText, NamesAndFreeTextAreEscapedInHtml) {
  const auto t = shipped();
  auto f = facts("nl", "parent", "new");
  f.student_name = "<script>alert('x')</script>";
  f.mentor_name = "Jan \"de\" Mentor & co";
  f.location = "<b>Aula</b>";
  f.title = "Gesprek <img src=x onerror=alert(1)>";
  f.guide = {"<i>prompt</i>"};
  const auto r = render_invitation(t, f);
  EXPECT_FALSE(contains(r.html, "<script>"));
  EXPECT_FALSE(contains(r.html, "<b>Aula"));
  EXPECT_FALSE(contains(r.html, "<img"));
  EXPECT_TRUE(contains(r.html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  EXPECT_TRUE(contains(r.html, "Jan &quot;de&quot; Mentor &amp; co"));
  EXPECT_TRUE(contains(r.text, "<script>alert('x')</script>")) << "plain text keeps the name as written";

  auto quoted_link = facts("nl", "parent", "new");
  quoted_link.link = "https://x.example/\"><script>";
  EXPECT_THROW(render_invitation(t, quoted_link), MessageError);
  quoted_link.link = "javascript:alert(1)";
  EXPECT_THROW(render_invitation(t, quoted_link), MessageError);
}

TEST(InvitationText, LanguagesFallBack) {
  const auto t = shipped();
  const auto unknown = render_invitation(t, facts("fr", "student", "new"));
  EXPECT_TRUE(unknown.subject.rfind("Uitnodiging: ", 0) == 0) << unknown.subject;
  EXPECT_TRUE(contains(unknown.html, "lang=\"nl\""));
  const auto regional = render_invitation(t, facts("en-GB", "student", "new"));
  EXPECT_TRUE(regional.subject.rfind("Invitation: ", 0) == 0) << regional.subject;
  EXPECT_TRUE(contains(regional.text, "Tuesday 1 December 2026, 15:00–15:30"));

  auto untyped = facts("nl", "student", "new");
  untyped.conversation_type = "something_new";
  EXPECT_TRUE(contains(render_invitation(t, untyped).subject, "LOB-gesprek"));
  auto titled = facts("en", "student", "new");
  titled.title = "Year 3 check-in";
  EXPECT_TRUE(contains(render_invitation(t, titled).subject, "Year 3 check-in"));
}

TEST(InvitationText, RightToLeftLanguagesSetDir) {
  test::ScratchDir dir;
  const auto source = test::source_dir() / "daemon/messaging/translations";
  std::filesystem::copy_file(source / "nl.json", dir / "nl.json");
  auto arabic = nlohmann::json::parse(test::read_file(source / "en.json"));
  arabic["meta.direction"] = "rtl";
  arabic["meta.language_name"] = "العربية";
  test::write_file(dir / "ar.json", arabic.dump());
  const auto t = Translations::load(dir.path());
  const auto r = render_invitation(t, facts("ar", "parent", "new"));
  EXPECT_TRUE(contains(r.html, "<html lang=\"ar\" dir=\"rtl\">")) << r.html;
  EXPECT_TRUE(contains(r.html, "text-align:right"));
}

// The shipped Arabic: the mail reads right to left, and the Latin names, the room and the school
// inside it keep their own direction (isolated in the text part, <bdi> in the HTML).
TEST(InvitationText, ArabicInvitationReadsRightToLeftWithLatinNamesIsolated) {
  const auto t = shipped();
  const std::string fsi = "\u2068", pdi = "\u2069";
  auto f = facts("ar", "parent", "new");
  f.location = "Lokaal 2.14 (B-gebouw)";
  const auto r = render_invitation(t, f);
  EXPECT_EQ(r.subject.rfind("دعوة: ", 0), 0u) << r.subject;
  EXPECT_TRUE(contains(r.subject, fsi + "Zoë de Vries" + pdi)) << r.subject;
  // Text part: the Arabic greeting and sentence, each name between isolates, the date in Arabic.
  EXPECT_TRUE(contains(r.text, "حضرة وليّ أمر " + fsi + "Zoë de Vries" + pdi + " المحترم،")) << r.text;
  EXPECT_TRUE(contains(r.text, "مع المرشد " + fsi + "Mentor Jansen" + pdi + ".")) << r.text;
  EXPECT_TRUE(contains(r.text, "الثلاثاء 1 ديسمبر 2026، من 15:00 إلى 15:30")) << r.text;
  EXPECT_TRUE(contains(r.text, "المكان: " + fsi + "Lokaal 2.14 (B-gebouw)" + pdi)) << r.text;
  EXPECT_TRUE(contains(r.text, "\n" + fsi + "Het Voorbeeld College" + pdi + "\n")) << "the school under the sign-off";
  EXPECT_TRUE(contains(r.text, "\nhttps://planner.school.example/r/abc?t=1&u=2\n")) << "the link alone on its line, untouched";
  // HTML: right to left, right-aligned, each value in <bdi>, no isolate character left in the body.
  EXPECT_TRUE(contains(r.html, "<html lang=\"ar\" dir=\"rtl\">")) << r.html;
  EXPECT_TRUE(contains(r.html, "<div dir=\"rtl\""));
  EXPECT_TRUE(contains(r.html, "text-align:right"));
  EXPECT_TRUE(contains(r.html, "حضرة وليّ أمر <bdi>Zoë de Vries</bdi> المحترم،")) << r.html;
  EXPECT_TRUE(contains(r.html, "<td style=\"padding:4px 0;\"><bdi>Lokaal 2.14 (B-gebouw)</bdi></td>")) << r.html;
  EXPECT_TRUE(contains(r.html, "padding:4px 0 4px 16px;")) << "the gap between label and value on the label's left";
  EXPECT_TRUE(contains(r.html, "href=\"https://planner.school.example/r/abc?t=1&amp;u=2\""));
  const auto body = r.html.substr(r.html.find("<body"));
  EXPECT_FALSE(contains(body, fsi)) << body;
  EXPECT_FALSE(contains(body, pdi)) << body;
  EXPECT_EQ(r.html.find("<bdi>") == std::string::npos, false);
  // Left-to-right languages are not touched: no isolate, no <bdi>.
  const auto dutch = render_invitation(t, facts("nl", "parent", "new"));
  EXPECT_FALSE(contains(dutch.text + dutch.html + dutch.subject, fsi));
  EXPECT_FALSE(contains(dutch.html, "<bdi>"));
}

TEST(InvitationText, RefusesBadFacts) {
  const auto t = shipped();
  auto f = facts("nl", "teacher", "new");
  EXPECT_THROW(render_invitation(t, f), MessageError);
  f = facts("nl", "student", "moved");
  EXPECT_THROW(render_invitation(t, f), MessageError);
  f = facts("nl", "student", "new");
  f.student_name.clear();
  EXPECT_THROW(render_invitation(t, f), MessageError);
  f = facts("nl", "student", "new");
  f.mentor_name.clear();
  EXPECT_THROW(render_invitation(t, f), MessageError);
  f = facts("nl", "student", "new");
  f.time_zone = "Nowhere/Else";
  EXPECT_THROW(render_invitation(t, f), MessageError);
  f = facts("nl", "student", "new");
  f.student_name = "Zoë\r\nBcc: x@y.example";
  EXPECT_EQ(render_invitation(t, f).subject.find_first_of("\r\n"), std::string::npos) << "the subject stays one line";
}

}  // namespace
}  // namespace lobsync::messaging::invitation_text_test

namespace lobsync::messaging::invitation_text_test {
namespace {

TEST(InvitationText, AConversationTheDecaanLeadsNamesThemDecaanToTheFamilyInEveryShippedLanguage) {
  const auto t = shipped();
  for (const auto& language : t.languages()) {
    for (const std::string role : {"student", "parent", "mentor"}) {
      for (const std::string kind : {"new", "update", "cancel"}) {
        SCOPED_TRACE(language + " " + role + " " + kind);
        auto f = facts(language, role, kind);
        f.lead_is_decaan = true;
        const auto r = render_invitation(t, f);
        const auto mentor_copy = role == "mentor";
        const Translations::Values values{{"student", "Zoë de Vries"}, {"mentor", "Mentor Jansen"}};
        const auto paragraph = mentor_copy ? "invitation." + kind + "." + role : "invitation." + kind + ".decaan." + role;
        EXPECT_TRUE(contains(r.text, t.text(language, paragraph, values))) << r.text;
        if (!mentor_copy) {
          EXPECT_TRUE(contains(r.text, t.text(language, "invitation.label.decaan"))) << r.text;
          EXPECT_FALSE(contains(r.text, t.text(language, "invitation.label.mentor") + ":")) << r.text;
        }
      }
    }
  }
  auto f = facts("nl", "parent", "new");
  f.lead_is_decaan = true;
  const auto r = render_invitation(t, f);
  EXPECT_TRUE(contains(r.text, "met decaan Mentor Jansen")) << r.text;
  EXPECT_FALSE(contains(r.text, "met mentor")) << r.text;
}

TEST(InvitationText, EveryoneReadsTheCareerPhaseOfTheConversationInTheirLanguage) {
  const auto t = shipped();
  for (const auto& language : t.languages()) {
    for (const std::string role : {"student", "parent", "mentor"}) {
      SCOPED_TRACE(language + " " + role);
      auto f = facts(language, role, "new");
      f.career_phase = "verkennen";
      const auto r = render_invitation(t, f);
      const auto label = t.text(language, "invitation.label.career_phase");
      const auto phase = t.text(language, "career_phase.verkennen");
      EXPECT_TRUE(contains(r.text, label)) << r.text;
      EXPECT_TRUE(contains(r.text, phase)) << r.text;
      EXPECT_TRUE(contains(r.html, phase)) << r.html;
    }
  }
  auto f = facts("nl", "parent", "new");
  f.career_phase = "beslissen";
  EXPECT_TRUE(contains(render_invitation(t, f).text, "Loopbaanfase: Beslissen")) << render_invitation(t, f).text;
  f.career_phase.clear();
  EXPECT_FALSE(contains(render_invitation(t, f).text, "Loopbaanfase")) << "no phase known: no row";
}

}  // namespace
}  // namespace lobsync::messaging::invitation_text_test

namespace lobsync::messaging::invitation_text_test {
namespace {

// A conversation meant for the parents that an adult student attends alone: the student and
// the mentor read that the parents are not invited, with the conversation's own name.
TEST(InvitationText, AConversationWithParentsHeldWithoutThemSaysSoToTheStudentAndTheMentor) {
  const auto t = shipped();
  auto f = facts("nl", "student", "new");
  f.conversation_key = "conversation.parents.without_parents";
  f.parents_stay_home = true;
  const auto student = render_invitation(t, f);
  EXPECT_TRUE(contains(student.text, "Je ouders of verzorgers zijn niet uitgenodigd voor dit gesprek: je komt alleen."))
      << student.text;
  EXPECT_TRUE(contains(student.subject, "Voortgangsgesprek")) << student.subject;
  f.recipient_role = "mentor";
  EXPECT_TRUE(contains(render_invitation(t, f).text, "de leerling is 18 of ouder en komt alleen"));
  f.recipient_role = "student";
  f.kind = "cancel";
  EXPECT_FALSE(contains(render_invitation(t, f).text, "niet uitgenodigd")) << "a cancellation says only that";
  // With the parents there, nothing of the kind.
  auto with = facts("nl", "student", "new");
  EXPECT_FALSE(contains(render_invitation(t, with).text, "niet uitgenodigd"));
  EXPECT_TRUE(contains(render_invitation(t, with).subject, "Loopbaangesprek met ouders"));
}

}  // namespace
}  // namespace lobsync::messaging::invitation_text_test
