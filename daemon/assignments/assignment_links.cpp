#include "assignments/assignment_links.h"

#include "links/token.h"

namespace lobsync::assignments {

std::string assignment_link(std::string_view public_url, const store::LinkKey& key, const domain::Meeting& meeting,
                            std::string_view participant_key) {
  const auto token = links::sign(key, links::kAssignment, links::booking_subject(meeting.id, participant_key),
                                 meeting.end + kAssignmentLinkGrace);
  return std::string(public_url) + "/a/" + token;
}

std::string record_form_link(std::string_view public_url, const store::LinkKey& key, const domain::Meeting& meeting) {
  const auto token = links::sign(key, links::kRecordForm, meeting.id, meeting.end + kRecordFormLinkGrace);
  return std::string(public_url) + "/m/" + token;
}

}  // namespace lobsync::assignments
