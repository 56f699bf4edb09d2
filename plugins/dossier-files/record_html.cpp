#include "record_html.hpp"

#include "dutch_text.hpp"

#include <lobsync/json_members.hpp>
#include <lobsync/dates.hpp>
#include <lobsync/dossier_record.hpp>
#include <lobsync/html.hpp>

namespace dossier_files {

namespace {

using lobsync::sdk::string_member;
using nlohmann::json;

// The CSP forbids scripts and remote content even if something slipped through escaping.
constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font-family: sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; }
.subtitle { margin-top: 0; font-size: 1.15em; color: #555; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 1em 0.25em 0; }
table.steps th, table.steps td { border-bottom: 1px solid #ccc; }
.text { white-space: pre-wrap; }
.empty { color: #777; font-style: italic; }
footer { margin-top: 2em; font-size: 0.9em; color: #555; border-top: 1px solid #ccc; padding-top: 0.5em; }
</style>
)";

std::string instant_text(const json& object, const char* key, const date::time_zone* zone) {
  const auto instant = lobsync::sdk::dossier::parse_utc_instant(string_member(object, key));
  return instant ? moment_in_words(*instant, zone) : std::string();
}

class Page {
 public:
  void raw(std::string_view html) { out_ += html; }
  void text(std::string_view value) { out_ += lobsync::sdk::html_escape(value); }
  void fact(std::string_view label, const std::string& value) {
    if (value.empty()) return;
    raw("<tr><th>");
    raw(label);
    raw("</th><td>");
    text(value);
    raw("</td></tr>\n");
  }
  // Free text in the record's language, line breaks kept; a placeholder when empty.
  void paragraph(const std::string& value, const std::string& language) {
    if (value.empty()) {
      raw("<p class=\"empty\">Niet ingevuld.</p>\n");
      return;
    }
    raw("<p class=\"text\" lang=\"");
    text(language);
    raw("\">");
    text(value);
    raw("</p>\n");
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string joined_roles(const json& roles) {
  std::string out;
  for (const auto& role : roles) out += (out.empty() ? "" : ", ") + role_label(role.get<std::string>());
  return out;
}

void facts(Page& page, const json& record, const date::time_zone* zone) {
  const json& student = record["student"];
  const json& meeting = record["meeting"];
  std::string who = string_member(student, "name");
  if (!string_member(student, "class").empty()) who += " (klas " + string_member(student, "class") + ")";
  const auto start = lobsync::sdk::dossier::parse_utc_instant(string_member(meeting, "start"));
  const auto end = lobsync::sdk::dossier::parse_utc_instant(string_member(meeting, "end"));
  page.raw("<table class=\"facts\">\n");
  page.fact("Leerling", who);
  page.fact("Leerlingnummer", string_member(student, "student_number"));
  page.fact("Datum en tijd", start && end ? period_in_words(*start, *end, zone) : std::string());
  page.fact("Mentor", string_member(meeting, "mentor"));
  page.fact("Loopbaanfase", career_phase_label(string_member(meeting, "career_phase")));
  if (record.contains("attended")) page.fact("Aanwezig", joined_roles(record["attended"]));
  if (record.contains("home_assignment_discussed"))
    page.fact("Thuisopdracht besproken", record["home_assignment_discussed"].get<bool>() ? "ja" : "nee");
  if (record.contains("aandebak_discussed"))
    page.fact("AanDeBak-garantie besproken", record["aandebak_discussed"].get<bool>() ? "ja" : "nee");
  page.raw("</table>\n");
}

void phases(Page& page, const json& record, const std::string& language) {
  for (auto phase : lobsync::sdk::dossier::kPhases) {
    page.raw("<h2>");
    page.text(phase_label(phase));
    page.raw("</h2>\n");
    page.paragraph(string_member(record["phases"], std::string(phase).c_str()), language);
  }
}

void competences(Page& page, const json& record) {
  page.raw("<h2>Loopbaancompetenties</h2>\n");
  if (record["competences"].empty()) {
    page.raw("<p class=\"empty\">Geen genoemd.</p>\n");
    return;
  }
  page.raw("<ul>\n");
  for (const auto& c : record["competences"]) {
    page.raw("<li>");
    page.text(competence_label(c.get<std::string>()));
    page.raw("</li>\n");
  }
  page.raw("</ul>\n");
}

void next_steps(Page& page, const json& record, const std::string& language) {
  page.raw("<h2>Vervolgstappen</h2>\n");
  if (record["next_steps"].empty()) {
    page.raw("<p class=\"empty\">Geen afspraken.</p>\n");
    return;
  }
  page.raw("<table class=\"steps\">\n<tr><th>Wat</th><th>Wie</th><th>Uiterlijk</th></tr>\n");
  for (const auto& step : record["next_steps"]) {
    const auto due = lobsync::sdk::parse_iso_date(string_member(step, "due"));
    page.raw("<tr><td class=\"text\" lang=\"");
    page.text(language);
    page.raw("\">");
    page.text(string_member(step, "what"));
    page.raw("</td><td>");
    page.text(role_label(string_member(step, "owner")));
    page.raw("</td><td>");
    page.text(due ? day_in_words(*due) : "");
    page.raw("</td></tr>\n");
  }
  page.raw("</table>\n");
}

// A student's own report (author "student"): their reflection and this phase's activities.
void student_report(Page& page, const json& record, const std::string& language) {
  page.raw("<h2>Reflectie</h2>\n");
  page.paragraph(string_member(record, "reflection"), language);
  page.raw("<h2>Loopbaanactiviteiten in deze fase</h2>\n");
  if (record["activities"].empty()) {
    page.raw("<p class=\"empty\">Geen genoemd.</p>\n");
    return;
  }
  page.raw("<ul>\n");
  for (const auto& a : record["activities"]) {
    page.raw("<li lang=\"");
    page.text(language);
    page.raw("\">");
    page.text(a.get<std::string>());
    page.raw("</li>\n");
  }
  page.raw("</ul>\n");
}

void sign_off(Page& page, const json& record, const std::string& language, const date::time_zone* zone) {
  page.raw("<h2>Ondertekening</h2>\n");
  const json sign = record.value("sign_off", json::object());
  if (!sign.is_object() || !sign.value("signed", false)) {
    page.raw("<p>Nog niet ondertekend.</p>\n");
  } else {
    page.raw("<p>Ondertekend door ");
    page.text(role_label(string_member(sign, "by")));
    page.raw(" op ");
    page.text(instant_text(sign, "at", zone));
    page.raw(".</p>\n");
  }
  if (sign.is_object() && !string_member(sign, "parent_view").empty()) {
    page.raw("<h3>Reactie van ouder</h3>\n");
    page.paragraph(string_member(sign, "parent_view"), language);
  }
}

void footer(Page& page, const json& record, const date::time_zone* zone) {
  page.raw("<footer>\n<p>Geschreven door ");
  page.text(string_member(record, "written_by"));
  page.raw(", definitief op ");
  page.text(instant_text(record, "final_at", zone));
  page.raw(".</p>\n<p>Versie ");
  page.text(std::to_string(record["version"].get<std::int64_t>()));
  if (record.contains("previous_version") && record["previous_version"].is_number_integer()) {
    page.raw(" (vervangt versie ");
    page.text(std::to_string(record["previous_version"].get<std::int64_t>()));
    page.raw(")");
  }
  page.raw(" van verslag ");
  page.text(string_member(record, "id"));
  page.raw(", gemaakt met lobsync.</p>\n</footer>\n");
}

}  // namespace

std::string render_record_html(const json& record, const date::time_zone* zone) {
  const std::string language = string_member(record, "language").empty() ? "nl" : string_member(record, "language");
  const json& meeting = record["meeting"];
  const bool by_student = string_member(record, "author") == "student";
  const std::string kind = by_student ? "Verslag van de leerling" : "Gespreksverslag";
  Page page;
  page.raw(kHead);
  page.raw("<title>");
  page.text(kind + ": " + string_member(meeting, "title") + " – " + string_member(record["student"], "name"));
  page.raw("</title>\n</head>\n<body>\n<h1>");
  page.text(kind);
  page.raw("</h1>\n<p class=\"subtitle\">");
  page.text(string_member(meeting, "title"));
  page.raw("</p>\n");
  facts(page, record, zone);
  if (by_student) {
    student_report(page, record, language);
  } else {
    phases(page, record, language);
    competences(page, record);
    next_steps(page, record, language);
  }
  sign_off(page, record, language, zone);
  footer(page, record, zone);
  page.raw("</body>\n</html>\n");
  return page.take();
}

}  // namespace dossier_files
