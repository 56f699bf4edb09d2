// The layout shared by the mails the host writes to parents, students and mentors: a greeting,
// paragraphs, a short table of facts, an optional action link, optional numbered and bulleted
// lists, optional sections (a digest's parts), and a sign-off. Rendered once as plain text and once as simple HTML (inline styles
// only, lang and dir set); every text is HTML-escaped, so names and free text are never markup.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lobsync::messaging {

struct LetterLink {
  std::string sentence;  // "Past dit moment niet? ..."
  std::string label;     // the button text in HTML
  std::string url;       // http(s) only; checked by the caller
};

struct LetterList {
  std::string title;
  bool numbered = false;
  std::vector<std::pair<std::string, std::string>> items;  // (lead, text); lead may be empty
};

// One part of a letter that carries several things (a digest): a heading, its paragraphs and an
// optional action link (url empty: none).
struct LetterSection {
  std::string heading;
  std::vector<std::string> paragraphs;
  LetterLink link;
};

struct Letter {
  std::string language = "nl";  // BCP 47 code for the html lang attribute
  bool right_to_left = false;
  std::string title;  // the HTML <title>, usually the subject
  std::string greeting;
  std::vector<std::string> paragraphs;
  std::vector<std::pair<std::string, std::string>> facts;  // (label, value)
  std::vector<LetterLink> links;
  std::vector<LetterList> lists;
  std::vector<LetterSection> sections;  // after the lists, before the closing paragraphs
  std::vector<std::string> closing_paragraphs;
  std::vector<std::string> signoff;  // lines: "Met vriendelijke groet,", name, school
};

std::string letter_text(const Letter& letter);
std::string letter_html(const Letter& letter);

}  // namespace lobsync::messaging
