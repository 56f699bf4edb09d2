// People's names as pages, mails and calendars show them. A name comes from a school's export and
// is shown to parents and mentors next to other text, so it must not be able to change how that
// text reads. The one rule, applied where names enter (the roster sync) and again where they are
// written into mail headers and calendar parameters:
//   - line breaks, tabs and the Unicode line and paragraph separators become one space;
//   - other control characters (C0, DEL, C1) and U+FEFF are removed;
//   - the characters that change the direction of the text around them are removed: the
//     embeddings and overrides U+202A–U+202E (U+202E makes "Jan\u202Efdp.exe" read "Janexe.pdf"),
//     the isolates U+2066–U+2069, and also the marks U+200E, U+200F and U+061C. The marks cannot
//     reorder letters, but they are invisible: two names that look the same would differ, and next
//     to digits and punctuation they still move what the reader sees. Names in a Dutch school's
//     administration are written in Latin letters, so a mark has no job there; a page that shows
//     a right-to-left name sets the direction around it itself.
//   - runs of spaces become one, and the name is trimmed.
// Everything else, letters of every script, ZWJ and ZWNJ (part of spelling in some scripts)
// included, is kept. Invalid UTF-8 bytes are removed.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::messaging {

std::string clean_name(std::string_view name);

// Whether clean_name would change more than spaces: the name held control or direction characters.
bool name_needs_cleaning(std::string_view name);

}  // namespace lobsync::messaging
