#include "records/student_link.h"

#include "links/token.h"

namespace lobsync::records {

std::string student_link(std::string_view public_url, const store::LinkKey& key, std::string_view student_key,
                         Instant expires) {
  return std::string(public_url) + "/s/" + links::sign(key, links::kStudent, student_key, expires);
}

}  // namespace lobsync::records
