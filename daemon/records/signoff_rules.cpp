#include "records/signoff_rules.h"

#include <algorithm>

namespace lobsync::records {

bool adult_at_meeting(const domain::Student* student, Instant meeting_start, const date::time_zone* zone) {
  if (student == nullptr || zone == nullptr) return false;
  const auto local = date::make_zoned(zone, std::chrono::time_point_cast<std::chrono::seconds>(meeting_start));
  const date::year_month_day day{date::floor<date::days>(local.get_local_time())};
  return student->adult_on(day);
}

bool parents_may_see(bool adult_student, const std::optional<store::SharingDecision>& sharing) {
  return !adult_student || (sharing && sharing->shared);
}

VersionSignOff signoff_of(const std::vector<store::SignOff>& all, int version, bool adult_student) {
  VersionSignOff out;
  for (const auto& s : all) {
    if (s.version != version) continue;
    if (s.kind == store::kView) {
      if (s.role == "parent") out.parent_views.push_back(s);
      continue;
    }
    out.signatures.push_back(s);
    const bool counts = s.role == "parent" || (s.role == "student" && adult_student);
    if (counts && (!out.at || s.at < *out.at)) {
      out.is_signed = true;
      out.by = s.role;
      out.signer = s.participant;
      out.at = s.at;
    }
  }
  auto by_time = [](const store::SignOff& a, const store::SignOff& b) { return a.at < b.at; };
  std::stable_sort(out.signatures.begin(), out.signatures.end(), by_time);
  std::stable_sort(out.parent_views.begin(), out.parent_views.end(), by_time);
  return out;
}

std::optional<Finality> finality(const VersionSignOff& signoff, Instant meeting_end, int final_after_days, Instant now) {
  if (signoff.is_signed && signoff.at) return Finality{"signed", *signoff.at};
  const auto deadline = meeting_end + date::days{final_after_days};
  if (now >= deadline) return Finality{"deadline", deadline};
  return std::nullopt;
}

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace lobsync::records
