#include "selfservice/record_form_view.h"

#include "records/record_check.h"
#include "selfservice/page.h"

#include "messaging/bidi_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace lobsync::selfservice {
namespace {

using messaging::html_escape;
using messaging::html_text;

// A form name as an element id: "step1.due" → "step1-due" (ids stay plain for CSS and links).
std::string id_of(std::string name) {
  for (auto& c : name)
    if (c == '.') c = '-';
  return name;
}

struct Page {
  const messaging::Translations& tr;
  const RecordFormView& v;

  std::string text(const std::string& key) const { return html_text(tr.text(v.language, key)); }
  bool has_error(const std::string& name) const { return v.errors.contains(name); }

  // The message at the field or group in error, "" when there is none.
  std::string error(const std::string& name) const {
    const auto it = v.errors.find(name);
    return it == v.errors.end() ? "" : field_error(id_of(name), it->second);
  }

  // The control the error summary sends the reader to: the field, or a group's first control.
  static std::string control_for(const std::string& name) {
    if (name == "phases") return std::string(kFormPhases.front());
    if (name == "competences") return "competence-" + std::string(kFormCompetences.front());
    if (name == "attended") return "attended-" + std::string(kFormRoles.front());
    if (name == "next_steps") return "step0-what";
    if (name == "form") return "";
    return id_of(name);
  }

  // A group of controls (fieldset) whose error, if any, is announced with each of them.
  std::string group_start(const std::string& name, const std::string& legend_key) const {
    const bool invalid = has_error(name);
    return fmt::format("<fieldset id=\"{}-group\"{}{}><legend>{}</legend>{}", name, invalid ? " class=\"invalid\"" : "",
                       invalid ? fmt::format(" aria-describedby=\"{}\"", error_id(name)) : "", text(legend_key), error(name));
  }

  std::string checkbox(const std::string& name, bool on, const std::string& label) const {
    const auto id = id_of(name);
    return fmt::format("<label class=\"choice\" for=\"{0}\"><input type=\"checkbox\" id=\"{0}\" name=\"{1}\" value=\"on\"{2}{3}>"
                       "<span>{4}</span></label>",
                       html_escape(id), html_escape(name), on ? " checked" : "", invalid_attributes(id, has_error(name)),
                       html_escape(label));
  }

  std::string phases() const {
    std::string out = group_start("phases", "record_form.phases");
    for (const auto name_view : kFormPhases) {
      const std::string name(name_view);
      const auto it = v.values.phases.find(name);
      out += fmt::format("<label for=\"{0}\">{1}</label>{2}<textarea id=\"{0}\" name=\"{0}\" dir=\"auto\" rows=\"4\" maxlength=\"{3}\"{4}>{5}</textarea>",
                         name, text("record_form.phase." + name), error(name), records::kMaxPhaseChars,
                         invalid_attributes(name, has_error(name)), html_escape(it == v.values.phases.end() ? "" : it->second));
    }
    return out + "</fieldset>";
  }

  std::string competences() const {
    std::string out = group_start("competences", "record_form.competences");
    for (const auto id_view : kFormCompetences) {
      const std::string id(id_view);
      out += checkbox("competence." + id, v.values.competences.contains(id), tr.text(v.language, "record_form.competence." + id));
    }
    return out + "</fieldset>";
  }

  std::string owner_select(const std::string& name, const std::string& owner) const {
    std::string out = fmt::format("<select id=\"{}\" name=\"{}\"{}>", id_of(name), name, invalid_attributes(id_of(name), has_error(name)));
    for (const auto role_view : kFormRoles) {
      const std::string role(role_view);
      out += fmt::format("<option value=\"{}\"{}>{}</option>", role, owner == role ? " selected" : "",
                         text("record_form.role." + role));
    }
    return out + "</select>";
  }

  std::string steps() const {
    std::string out = group_start("next_steps", "record_form.next_steps");
    for (std::size_t row = 0; row < v.values.steps.size(); ++row) {
      const auto& s = v.values.steps[row];
      const auto what = fmt::format("step{}.what", row), owner = fmt::format("step{}.owner", row), due = fmt::format("step{}.due", row);
      out += fmt::format("<fieldset class=\"step\"><legend>{}</legend>",
                         html_text(tr.text(v.language, "record_form.step.legend", {{"n", std::to_string(row + 1)}})));
      out += fmt::format("<label for=\"{0}\">{1}</label>{2}<input type=\"text\" id=\"{0}\" name=\"{3}\" dir=\"auto\" maxlength=\"{4}\" value=\"{5}\"{6}>",
                         id_of(what), text("record_form.step.what"), error(what), what, records::kMaxStepChars,
                         html_escape(s.what), invalid_attributes(id_of(what), has_error(what)));
      out += fmt::format("<label for=\"{}\">{}</label>{}{}", id_of(owner), text("record_form.step.owner"), error(owner),
                         owner_select(owner, s.owner));
      out += fmt::format("<label for=\"{0}\">{1}</label>{2}<input type=\"date\" id=\"{0}\" name=\"{3}\" value=\"{4}\"{5}></fieldset>",
                         id_of(due), text("record_form.step.due"), error(due), due, html_escape(s.due),
                         invalid_attributes(id_of(due), has_error(due)));
    }
    return out + "</fieldset>";
  }

  std::string attended() const {
    std::string out = group_start("attended", "record_form.attended");
    for (const auto role_view : kFormRoles) {
      const std::string role(role_view);
      out += checkbox("attended." + role, v.values.attended.contains(role), tr.text(v.language, "record_form.role." + role));
    }
    return out + "</fieldset>";
  }

  // Each problem once, in the order of the form: the summary's links follow the page.
  std::vector<FormProblem> problems() const {
    std::vector<std::string> order{"form", "phases"};
    for (const auto phase : kFormPhases) order.emplace_back(phase);
    order.emplace_back("competences");
    order.emplace_back("next_steps");
    for (std::size_t row = 0; row < v.values.steps.size(); ++row)
      for (const char* part : {"what", "owner", "due"}) order.push_back(fmt::format("step{}.{}", row, part));
    order.emplace_back("attended");
    order.emplace_back("home_assignment_discussed");
    order.emplace_back("aandebak_discussed");
    std::vector<FormProblem> out;
    for (const auto& name : order)
      if (const auto it = v.errors.find(name); it != v.errors.end()) out.push_back({control_for(name), it->second});
    for (const auto& [name, message] : v.errors)  // anything else a crafted post produced
      if (std::find(order.begin(), order.end(), name) == order.end()) out.push_back({"", message});
    return out;
  }
};

std::string page(const messaging::Translations& tr, const std::string& lang, const PageFrame& school, const std::string& title_key,
                 const std::string& body) {
  return html_document(lang, tr.text(lang, "meta.direction"), school, tr.text(lang, title_key), body);
}

// Whether the conversation took place, for when there is no record to write (saving the record
// marks it held): a form of its own, one button per outcome, as `lobsync attendance` has them.
std::string attendance_form(const messaging::Translations& tr, const RecordFormView& v) {
  const auto text = [&](const std::string& key) { return html_text(tr.text(v.language, key)); };
  std::string out = fmt::format("<h2 id=\"attendance\">{}</h2><p>{}</p>", text("record_form.attendance.heading"),
                                text("record_form.attendance.intro"));
  if (v.status == "missed" && v.notice_key.empty()) out += fmt::format("<p class=\"status\">{}</p>", text("record_form.attendance.is_missed"));
  out += "<form method=\"post\" class=\"actions\"><input type=\"hidden\" name=\"action\" value=\"attendance\">";
  for (const char* outcome : {"held", "no_show", "family_cancelled"}) {
    out += fmt::format("<p><button type=\"submit\" class=\"secondary\" name=\"outcome\" value=\"{}\">{}</button></p>", outcome,
                       text(std::string("record_form.attendance.") + outcome));
  }
  return out + "</form>";
}

}  // namespace

std::string render_record_form(const messaging::Translations& tr, const RecordFormView& v) {
  const Page p{tr, v};
  std::string body = fmt::format("<h1>{}</h1>", p.text("record_form.page_title"));
  if (!v.notice_key.empty()) body += notice("success", tr.text(v.language, v.notice_key));
  body += error_summary(tr.text(v.language, "record_form.errors"), p.problems());
  body += fmt::format("<p>{}</p>",
                      html_text(tr.text(v.language, "record_form.intro", {{"student", v.student_name}, {"when", v.when}})));
  if (!v.career_phase.empty())
    body += fmt::format("<p>{}: {}</p>", p.text("invitation.label.career_phase"), html_text(v.career_phase));
  if (v.prefilled_version > 0)
    body += fmt::format("<p>{}</p>", html_text(tr.text(v.language, "record_form.prefilled",
                                                         {{"version", std::to_string(v.prefilled_version)}})));
  body += "<form method=\"post\">" + p.phases() + p.competences() + p.steps() + p.attended();
  body += p.error("home_assignment_discussed") +
          p.checkbox("home_assignment_discussed", v.values.home_assignment_discussed,
                     tr.text(v.language, "record_form.home_assignment_discussed"));
  if (v.values.asks_aandebak)
    body += p.error("aandebak_discussed") +
            p.checkbox("aandebak_discussed", v.values.aandebak_discussed, tr.text(v.language, "record_form.aandebak_discussed"));
  body += fmt::format("<button type=\"submit\">{}</button></form>", p.text("record_form.save"));
  body += attendance_form(tr, v);
  return page(tr, v.language, v.school, "record_form.page_title", body);
}

std::string render_record_saved(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                int version) {
  const auto lang = tr.resolve(language);
  // An empty href is this page's own address: a GET of the form, prefilled with this version.
  const auto body = fmt::format("<h1>{}</h1>{}<p><a href=\"\">{}</a></p>", html_text(tr.text(lang, "record_form.saved_title")),
                                notice("success", tr.text(lang, "record_form.saved", {{"version", std::to_string(version)}})),
                                html_text(tr.text(lang, "record_form.back")));
  return page(tr, lang, school, "record_form.saved_title", body);
}

std::string render_record_message(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                  const std::string& key) {
  const auto lang = tr.resolve(language);
  const auto body = fmt::format("<h1>{}</h1><p>{}</p>", html_text(tr.text(lang, "record_form.page_title")),
                                html_text(tr.text(lang, key)));
  return page(tr, lang, school, "record_form.page_title", body);
}

}  // namespace lobsync::selfservice
