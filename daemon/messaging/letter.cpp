#include "messaging/letter.h"

#include "messaging/bidi_text.h"
#include "messaging/translations.h"

#include <fmt/format.h>

namespace lobsync::messaging {
namespace {

constexpr std::string_view kParagraph = "margin:0 0 16px 0;";

// Escaped text with its line breaks kept visible.
std::string html_lines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    out += html_text(text.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    out += "<br>";
    start = end + 1;
  }
}

std::string paragraph(std::string_view text) {
  return fmt::format("<p style=\"{}\">{}</p>\n", kParagraph, html_lines(text));
}

// A value from outside the texts (a name, a room, a school) on its own in a right-to-left letter:
// isolated, so that a Latin value ending in ")" or "." keeps its punctuation at its own end.
std::string data(const Letter& l, const std::string& value) { return l.right_to_left ? isolated(value) : value; }

std::string facts_table(const Letter& l, std::string_view align) {
  // The gap between label and value is on the label's inner side; mail clients do not all know
  // logical padding, so the side is chosen here.
  const std::string_view gap = l.right_to_left ? "4px 0 4px 16px" : "4px 16px 4px 0";
  std::string out = "<table role=\"presentation\" style=\"border-collapse:collapse;margin:0 0 16px 0;\">\n";
  for (const auto& [label, value] : l.facts) {
    out += fmt::format(
        "<tr><th scope=\"row\" style=\"text-align:{};vertical-align:top;padding:{};font-weight:bold;\">{}</th>"
        "<td style=\"padding:4px 0;\">{}</td></tr>\n",
        align, gap, html_text(label), html_lines(data(l, value)));
  }
  return out + "</table>\n";
}

std::string link_block(const LetterLink& link) {
  return (link.sentence.empty() ? std::string() : paragraph(link.sentence)) +
         fmt::format("<p style=\"{}\"><a href=\"{}\" style=\"display:inline-block;padding:10px 18px;background-color:#1a5c8a;"
                     "color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;\">{}</a></p>\n",
                     kParagraph, html_escape(link.url), html_text(link.label));
}

std::string list_block(const LetterList& list) {
  std::string out;
  if (!list.title.empty()) {
    out += fmt::format("<h2 style=\"font-size:18px;margin:24px 0 8px 0;\">{}</h2>\n", html_text(list.title));
  }
  const std::string_view tag = list.numbered ? "ol" : "ul";
  out += fmt::format("<{} style=\"margin:0 0 16px 0;padding-inline-start:24px;\">\n", tag);
  for (const auto& [lead, text] : list.items) {
    const std::string lead_html = lead.empty() ? "" : fmt::format("<strong>{}</strong><br>", html_text(lead));
    out += fmt::format("<li style=\"margin:0 0 8px 0;\">{}{}</li>\n", lead_html, html_lines(text));
  }
  return out + fmt::format("</{}>\n", tag);
}

std::string section_block(const LetterSection& section) {
  std::string out = fmt::format("<h2 style=\"font-size:18px;margin:24px 0 8px 0;\">{}</h2>\n", html_text(section.heading));
  for (const auto& p : section.paragraphs) out += paragraph(p);
  if (!section.link.url.empty()) out += link_block(section.link);
  return out;
}

}  // namespace

std::string letter_text(const Letter& l) {
  std::string out = l.greeting + "\n\n";
  for (const auto& p : l.paragraphs) out += p + "\n\n";
  if (!l.facts.empty()) {
    for (const auto& [label, value] : l.facts) out += label + ": " + data(l, value) + "\n";
    out += "\n";
  }
  for (const auto& link : l.links) out += link.sentence + "\n" + link.url + "\n\n";
  for (const auto& list : l.lists) {
    if (!list.title.empty()) out += list.title + "\n";
    int number = 0;
    for (const auto& [lead, text] : list.items) {
      out += list.numbered ? std::to_string(++number) + ". " : "- ";
      out += lead.empty() ? text : lead + ": " + text;
      out += "\n";
    }
    out += "\n";
  }
  for (const auto& section : l.sections) {
    out += section.heading + "\n" + std::string(section.heading.size() < 60 ? section.heading.size() : 60, '-') + "\n";
    for (const auto& p : section.paragraphs) out += p + "\n";
    if (!section.link.url.empty()) {
      if (!section.link.sentence.empty()) out += section.link.sentence + "\n";
      out += section.link.label + ": " + section.link.url + "\n";
    }
    out += "\n";
  }
  for (const auto& p : l.closing_paragraphs) out += p + "\n\n";
  for (std::size_t i = 0; i < l.signoff.size(); ++i) out += (i == 0 ? l.signoff[i] : data(l, l.signoff[i])) + "\n";
  return out;
}

std::string letter_html(const Letter& l) {
  const std::string_view dir = l.right_to_left ? "rtl" : "ltr";
  const std::string_view align = l.right_to_left ? "right" : "left";
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{0}\" dir=\"{1}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{2}</title>\n</head>\n"
      "<body style=\"margin:0;padding:0;background-color:#f3f4f6;\">\n"
      "<div dir=\"{1}\" style=\"max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;"
      "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;text-align:{3};\">\n",
      html_escape(l.language), dir, html_escape(l.title), align);
  out += paragraph(l.greeting);
  for (const auto& p : l.paragraphs) out += paragraph(p);
  if (!l.facts.empty()) out += facts_table(l, align);
  for (const auto& link : l.links) out += link_block(link);
  for (const auto& list : l.lists) out += list_block(list);
  for (const auto& section : l.sections) out += section_block(section);
  for (const auto& p : l.closing_paragraphs) out += paragraph(p);
  std::string signoff;
  for (std::size_t i = 0; i < l.signoff.size(); ++i) signoff += i == 0 ? l.signoff[i] : "\n" + data(l, l.signoff[i]);
  if (!signoff.empty()) out += paragraph(signoff);
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace lobsync::messaging
