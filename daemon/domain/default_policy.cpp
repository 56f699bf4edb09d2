#include "domain/policy.h"

namespace lobsync::domain {
namespace {

// The four phases of a career conversation (terugkijken, reflecteren, vooruitkijken, activeren),
// phrased as prompts for the mentor. Schools replace them per type in the config.
std::vector<std::string> four_phase_guide(std::string topic) {
  return {
      "Terugkijken: welke ervaring bespreken we? " + topic,
      "Reflecteren: wat ging goed, wat zegt dit over je kwaliteiten en wat je drijft?",
      "Vooruitkijken: wat wil je hierna proberen, leren of uitzoeken?",
      "Activeren: wie ga je benaderen, wat kan in de weg zitten, hoe los je dat op? Leg de afspraken vast.",
  };
}

ConversationType make(std::string id, bool with_parents, Audience audience, int week_from, int week_to,
                      int minutes, std::string topic) {
  ConversationType t;
  t.id = std::move(id);
  t.with_parents = with_parents;
  t.audience = std::move(audience);
  t.week_from = week_from;
  t.week_to = week_to;
  t.duration_minutes = minutes;
  t.guide = four_phase_guide(std::move(topic));
  return t;
}

}  // namespace

int final_year_of(std::string_view level) {
  if (level.starts_with("vmbo")) return 4;
  if (level == "havo" || level == "pro") return 5;
  if (level == "vwo") return 6;
  return 0;
}

// Every student gets at least one conversation with the mentor and one with parents each year
// (DESIGN: the yearly duty); the topic follows the school year. Who takes part follows the LOB
// sources (shared/seeds): the choices of a sector or profile, an internship and a follow-up
// study, and the closing conversation, are held "met leerlingen en hun ouders".
Policy default_policy() {
  const std::vector<std::string> vmbo{"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"};
  auto with = [](std::vector<std::string> a, std::vector<std::string> b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  Policy p;
  p.weekdays = {date::Monday, date::Tuesday, date::Wednesday, date::Thursday, date::Friday};
  p.types = {
      make("introduction", true, {{1}, {}, false}, 37, 41, 20,
           "De eerste weken op school: hoe gaat het, wat vind je leuk, waar ben je goed in?"),
      make("individual", false, {}, 46, 51, 20,
           "Een LOB-activiteit van dit jaar: gastles, bedrijfsbezoek, open dag of testuitslag."),
      make("parents", true, {{2, 3, 4, 5, 6}, {}, false}, 2, 6, 20,
           "Hoe staat je kind ervoor en welke keuzes komen eraan? Bespreek de thuisopdracht."),
      // Before the choice in year 2: some mbo programmes guarantee a place (AanDeBak-garantie)
      // only to students who chose the matching profile then.
      make("profile_choice", true, {{2, 3}, with(vmbo, {"havo", "vwo"}), false}, 3, 9, 20,
           "Sector- of profielkeuze: welke vakken en richtingen passen bij je? Wijs op de AanDeBak-garantie: "
           "sommige mbo-opleidingen garanderen een plek als je in leerjaar 2 het bijbehorende profiel kiest."),
      make("internship", true, {{3, 4}, with(vmbo, {"pro"}), false}, 38, 44, 20,
           "Stage: wat wil je ontdekken, welk bedrijf past bij je en hoe benader je het?"),
      make("follow_up_education", true, {{4, 5, 6}, {}, false}, 8, 13, 30,
           "Vervolgopleiding: mbo, hbo of wo, open dagen, meeloopdagen en aanmelddata; opleidingen met een "
           "AanDeBak-garantie."),
      make("closing", true, {{}, {}, true}, 20, 25, 20,
           "Terugblik op je schooltijd en je loopbaan: wat neem je mee naar je vervolgopleiding?"),
      // The international transition class has no final year of its own: every ISK student gets
      // an eindgesprek before the summer, or before leaving if that comes first.
      make("isk_closing", true, {{}, {"isk"}, false}, 20, 25, 30,
           "Terugblik op je tijd in de schakelklas: welke school of opleiding past nu bij je, en wat neem je mee?"),
  };
  // Seed 002: the profile choice "met de mentor of decaan". Where the school names its decanen
  // (planning.decanen) they share these with the first mentors by load; else the mentor leads.
  for (auto& t : p.types)
    if (t.id == "profile_choice" || t.id == "follow_up_education") {
      t.leads = {"mentor", "decaan"};
      t.aandebak = true;  // seed 002: the mentor or decaan points it out; the record says it was
    }
  // Seed 004 names the phases, not their years. The shipped years follow the choices each level
  // makes: explore before the choice (vmbo sector in year 2, havo and vwo profile in year 3),
  // deepen after it, decide in the final year. An ISK student orients on the Dutch schools and
  // decides in the eindgesprek.
  const std::vector<std::string> vmbo_phases{"orienteren", "verkennen", "verdiepen", "beslissen"};
  for (const auto& level : vmbo) p.career_phases[level] = vmbo_phases;
  p.career_phases["havo"] = {"orienteren", "orienteren", "verkennen", "verdiepen", "beslissen"};
  p.career_phases["vwo"] = {"orienteren", "orienteren", "verkennen", "verdiepen", "verdiepen", "beslissen"};
  p.career_phases["pro"] = {"orienteren", "verkennen", "verdiepen", "verdiepen", "beslissen"};
  p.career_phases["isk"] = {"orienteren"};
  p.career_phases["other"] = vmbo_phases;
  for (auto& t : p.types)
    if (t.id == "closing" || t.id == "isk_closing") t.career_phase = "beslissen";
  return p;
}

}  // namespace lobsync::domain
