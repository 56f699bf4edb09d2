// The rules of the student's own report, pure so they are tested alone:
//  - it can be written (and edited) once its meeting has started, unless the meeting was
//    cancelled or missed (a no-show is planned again: the report belongs to the new time);
//  - a reflection (required, at most kMaxReflectionChars) and up to kMaxActivities activities of
//    this phase (one short line each, at most kMaxActivityChars; empty rows are left out);
//  - parents read it when they may read the meeting's record (an adult student's sharing
//    decision governs both) and only a parent's signature counts for it;
//  - a version is final when a parent signed it, or final_after_days after it was written.
#pragma once

#include "core/clock.h"
#include "domain/meeting.h"
#include "records/signoff_rules.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::records {

inline constexpr std::size_t kMaxReflectionChars = 4000;
inline constexpr std::size_t kMaxActivities = 6;
inline constexpr std::size_t kMaxActivityChars = 200;

enum class ReportWindow { open, not_started, cancelled, missed };
ReportWindow report_window(const domain::Meeting& meeting, Instant now);

struct ReportInput {
  std::string reflection;
  std::vector<std::string> activities;  // as typed, one per row (empty rows kept, so a page can show them again)
};

// One problem of a report: the form field ("reflection", "activity3") and the translation key
// (student_report.error.*) of what to do.
struct ReportProblem {
  std::string field;
  std::string key;
};

// The form fields "reflection" and "activity1".."activity<kMaxActivities>" (others ignored).
ReportInput report_input(const std::map<std::string, std::string>& form);
// Empty when the input may be stored.
std::vector<ReportProblem> check_report(const ReportInput& input);
// The activities to store: trimmed, empty rows left out.
std::vector<std::string> filled_activities(const ReportInput& input);

// A report version's sign-off: only parents' signatures count (the student wrote it).
VersionSignOff report_signoff(const std::vector<store::SignOff>& all, int version);
// Final when signed by a parent, or from written + final_after_days on.
std::optional<Finality> report_finality(const VersionSignOff& signoff, Instant written, int final_after_days, Instant now);

}  // namespace lobsync::records
