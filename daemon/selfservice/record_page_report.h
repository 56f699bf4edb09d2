// The student's own report on the record page (/r/{token}): parents read the latest version
// and sign it, per version, as they sign the mentor's record; the student sees it as written.
// The page shows it only to whom it shows the record (an adult's sharing decision governs
// both). Gathering (from the store) and HTML (in the reader's language) of that one section.
#pragma once

#include "domain/meeting.h"
#include "messaging/translations.h"
#include "records/record_case.h"

#include <optional>
#include <string>
#include <vector>

namespace lobsync::app {
class Services;
}

namespace lobsync::selfservice {

struct ReportSection {
  int version = 0;
  std::string written_on, reflection;
  std::vector<std::string> activities;
  std::vector<std::string> signatures;  // "Name, date" of the parents who signed this version
  std::string reader_signed_on;         // when the reader signed this version, else ""
  bool can_sign = false;                // a parent who has not signed it yet
};

// nullopt while the meeting has no student report.
std::optional<ReportSection> report_section(app::Services& services, const records::RecordCase& c,
                                            const domain::Participant& reader, const std::string& language);

// The report's section, with its sign form (action=sign_report, report_version=N) for a parent.
std::string render_report_section(const messaging::Translations& tr, const std::string& language, const ReportSection& section);

// The latest report version of the meeting, or 0.
int latest_report_version(app::Services& services, const std::string& meeting_id);

}  // namespace lobsync::selfservice
