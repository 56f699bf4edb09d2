#include "records/student_report_rules.h"

#include <lobsync/text_encoding.hpp>

#include <algorithm>

namespace lobsync::records {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Broken UTF-8, or control characters other than line breaks and tabs (C0 and DEL); an
// activity is one line.
bool has_control(const std::string& text, bool line_breaks_allowed) {
  if (sdk::detail::first_invalid_utf8(text) != std::string_view::npos) return true;
  return std::any_of(text.begin(), text.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (line_breaks_allowed && (c == '\n' || c == '\r' || c == '\t')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

ReportWindow report_window(const domain::Meeting& meeting, Instant now) {
  if (meeting.status == domain::kCancelled) return ReportWindow::cancelled;
  if (meeting.status == domain::kMissed) return ReportWindow::missed;
  if (now < meeting.start) return ReportWindow::not_started;
  return ReportWindow::open;
}

ReportInput report_input(const std::map<std::string, std::string>& form) {
  ReportInput in;
  if (const auto it = form.find("reflection"); it != form.end()) in.reflection = it->second;
  for (std::size_t i = 1; i <= kMaxActivities; ++i) {
    const auto it = form.find("activity" + std::to_string(i));
    in.activities.push_back(it == form.end() ? "" : it->second);
  }
  return in;
}

std::vector<ReportProblem> check_report(const ReportInput& in) {
  std::vector<ReportProblem> out;
  if (trimmed(in.reflection).empty()) out.push_back({"reflection", "student_report.error.reflection_empty"});
  else if (characters(in.reflection) > kMaxReflectionChars)
    out.push_back({"reflection", "student_report.error.reflection_too_long"});
  else if (has_control(in.reflection, true)) out.push_back({"reflection", "student_report.error.characters"});
  if (in.activities.size() > kMaxActivities) out.push_back({"activity1", "student_report.error.too_many_activities"});
  for (std::size_t i = 0; i < in.activities.size() && i < kMaxActivities; ++i) {
    const auto field = "activity" + std::to_string(i + 1);
    if (characters(in.activities[i]) > kMaxActivityChars) out.push_back({field, "student_report.error.activity_too_long"});
    else if (has_control(in.activities[i], false)) out.push_back({field, "student_report.error.characters"});
  }
  return out;
}

std::vector<std::string> filled_activities(const ReportInput& in) {
  std::vector<std::string> out;
  for (const auto& a : in.activities)
    if (auto t = trimmed(a); !t.empty()) out.push_back(std::move(t));
  return out;
}

VersionSignOff report_signoff(const std::vector<store::SignOff>& all, int version) {
  // adult_student=false: a student's signature never counts for their own report.
  return signoff_of(all, version, false);
}

std::optional<Finality> report_finality(const VersionSignOff& signoff, Instant written, int final_after_days, Instant now) {
  return finality(signoff, written, final_after_days, now);
}

}  // namespace lobsync::records
