// Notices: the things a student or parent should hear about outside the invitations themselves
// (a meeting coming up, a home assignment to do, a record to read and sign). Each kind of notice
// has a source that says, at a given moment, which notices are due; the digest (notices/digest.h)
// merges everything due for one recipient into at most one message a day, respecting quiet hours,
// and remembers what it sent, so a notice goes out once.
#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "domain/meeting.h"
#include "domain/school.h"
#include "store/link_key_store.h"

#include <date/tz.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::messaging {
class Translations;
}
namespace lobsync::store {
class Store;
}

namespace lobsync::notices {

// One part of a digest, already written in the recipient's language.
struct Section {
  std::string heading;                  // e.g. "Thuisopdracht voor het loopbaangesprek van Sam"
  std::vector<std::string> paragraphs;  // plain text; the digest escapes it for HTML
  std::string link;                     // optional: a signed self-service link
  std::string link_label;               // the text of the link's button, when there is a link
};

struct Notice {
  // Unique forever, e.g. "reminder:<meeting>:7d:<participant key>": once sent, never again.
  std::string key;
  // Keys this notice makes moot: marked as sent with it, so they never go out later (a 7-day
  // reminder not yet sent when the 1-day one is due).
  std::vector<std::string> supersedes;
  // Recipients with the same household key get their notices merged (siblings, several
  // meetings): each recipient gets at most one digest a day.
  std::string household;
  domain::Participant recipient;  // role "student" or "parent", with e-mail and language
  std::string meeting;            // the meeting it is about ("" when none)
  std::string student;            // the student it is about
  std::string kind;               // "meeting_reminder", "assignment", "assignment_reminder", "record_signoff"
  Instant about;                  // what the digest sorts by (usually the meeting's start)
  Section section;
};

// What a source may read to decide what is due. Sources only read; the digest writes.
struct NoticeContext {
  const config::Config* config = nullptr;
  const domain::School* school = nullptr;  // the roster as planning sees it
  const date::time_zone* zone = nullptr;   // the school's
  Instant now;
  const messaging::Translations* translations = nullptr;
  store::Store* store = nullptr;
  // Self-service links: both set, or no links (config http.public_url unset).
  std::string public_url;
  std::optional<store::LinkKey> link_key;
};

// A source returns the notices due at context.now, whether or not they were sent before (the
// digest drops what it already sent). It leaves out everything that is done or cancelled.
using NoticeSource = std::function<std::vector<Notice>(const NoticeContext&)>;

}  // namespace lobsync::notices
