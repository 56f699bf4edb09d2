#include "selfservice/record_form_view.h"

#include "records/record_check.h"
#include "selfservice/page.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using messaging::html_escape;

struct Page {
  const messaging::Translations& tr;
  const RecordFormView& v;

  std::string text(const std::string& key) const { return html_escape(tr.text(v.language, key)); }

  std::string error(const std::string& name) const {
    const auto it = v.errors.find(name);
    if (it == v.errors.end()) return "";
    return fmt::format("<strong class=\"notice\" id=\"error-{}\">{}</strong>", html_escape(name), html_escape(it->second));
  }

  std::string checkbox(const std::string& name, bool on, const std::string& label) const {
    return fmt::format("<label><input type=\"checkbox\" name=\"{}\" value=\"on\"{}> {}</label>", html_escape(name),
                       on ? " checked" : "", html_escape(label));
  }

  std::string phases() const {
    std::string out = fmt::format("<fieldset><legend>{}</legend>{}", text("record_form.phases"), error("phases"));
    for (const auto name_view : kFormPhases) {
      const std::string name(name_view);
      const auto it = v.values.phases.find(name);
      out += fmt::format("<label for=\"{0}\">{1}</label>{2}<textarea id=\"{0}\" name=\"{0}\" rows=\"4\" cols=\"60\" maxlength=\"{3}\">{4}</textarea>",
                         name, text("record_form.phase." + name), error(name), records::kMaxPhaseChars,
                         html_escape(it == v.values.phases.end() ? "" : it->second));
    }
    return out + "</fieldset>";
  }

  std::string competences() const {
    std::string out = fmt::format("<fieldset><legend>{}</legend>{}", text("record_form.competences"), error("competences"));
    for (const auto id_view : kFormCompetences) {
      const std::string id(id_view);
      out += checkbox("competence." + id, v.values.competences.contains(id), tr.text(v.language, "record_form.competence." + id));
    }
    return out + "</fieldset>";
  }

  std::string owner_select(std::size_t row, const std::string& owner) const {
    std::string out = fmt::format("<select name=\"step{}.owner\">", row);
    for (const auto role_view : kFormRoles) {
      const std::string role(role_view);
      out += fmt::format("<option value=\"{}\"{}>{}</option>", role, owner == role ? " selected" : "",
                         text("record_form.role." + role));
    }
    return out + "</select>";
  }

  std::string steps() const {
    std::string out = fmt::format("<fieldset><legend>{}</legend>{}", text("record_form.next_steps"), error("next_steps"));
    for (std::size_t row = 0; row < v.values.steps.size(); ++row) {
      const auto& s = v.values.steps[row];
      const auto at = fmt::format("step{}.", row);
      out += fmt::format(
          "<p><label>{} <input type=\"text\" name=\"{}what\" maxlength=\"{}\" value=\"{}\"></label>{}"
          "<label>{} {}</label>{}<label>{} <input type=\"date\" name=\"{}due\" value=\"{}\"></label>{}</p>",
          text("record_form.step.what"), at, records::kMaxStepChars, html_escape(s.what), error(at + "what"),
          text("record_form.step.owner"), owner_select(row, s.owner), error(at + "owner"), text("record_form.step.due"), at,
          html_escape(s.due), error(at + "due"));
    }
    return out + "</fieldset>";
  }

  std::string attended() const {
    std::string out = fmt::format("<fieldset><legend>{}</legend>{}", text("record_form.attended"), error("attended"));
    for (const auto role_view : kFormRoles) {
      const std::string role(role_view);
      out += checkbox("attended." + role, v.values.attended.contains(role), tr.text(v.language, "record_form.role." + role));
    }
    return out + "</fieldset>";
  }
};

std::string page(const messaging::Translations& tr, const std::string& lang, const std::string& title_key,
                 const std::string& body) {
  return html_document(lang, tr.text(lang, "meta.direction"), tr.text(lang, title_key), body);
}

}  // namespace

std::string render_record_form(const messaging::Translations& tr, const RecordFormView& v) {
  const Page p{tr, v};
  std::string body = fmt::format("<h1>{}</h1>", p.text("record_form.page_title"));
  if (!v.errors.empty()) body += fmt::format("<p class=\"notice\">{}</p>{}", p.text("record_form.errors"), p.error("form"));
  body += fmt::format("<p>{}</p>",
                      html_escape(tr.text(v.language, "record_form.intro", {{"student", v.student_name}, {"when", v.when}})));
  if (v.prefilled_version > 0)
    body += fmt::format("<p>{}</p>", html_escape(tr.text(v.language, "record_form.prefilled",
                                                         {{"version", std::to_string(v.prefilled_version)}})));
  body += "<form method=\"post\">" + p.phases() + p.competences() + p.steps() + p.attended();
  body += p.checkbox("home_assignment_discussed", v.values.home_assignment_discussed,
                     tr.text(v.language, "record_form.home_assignment_discussed")) +
          p.error("home_assignment_discussed");
  body += fmt::format("<button type=\"submit\">{}</button></form>", p.text("record_form.save"));
  return page(tr, v.language, "record_form.page_title", body);
}

std::string render_record_saved(const messaging::Translations& tr, const std::string& language, int version) {
  const auto lang = tr.resolve(language);
  const auto body = fmt::format("<h1>{}</h1><p>{}</p>", html_escape(tr.text(lang, "record_form.saved_title")),
                                html_escape(tr.text(lang, "record_form.saved", {{"version", std::to_string(version)}})));
  return page(tr, lang, "record_form.saved_title", body);
}

std::string render_record_message(const messaging::Translations& tr, const std::string& language, const std::string& key) {
  const auto lang = tr.resolve(language);
  const auto body = fmt::format("<h1>{}</h1><p>{}</p>", html_escape(tr.text(lang, "record_form.page_title")),
                                html_escape(tr.text(lang, key)));
  return page(tr, lang, "record_form.page_title", body);
}

}  // namespace lobsync::selfservice
