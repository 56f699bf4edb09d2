// The notice source of conversation records, for the digest (notices/notice.h):
//  - "record_signoff" to each parent participant with an e-mail address, for the record's
//    latest version, while the parents may read it and that parent has not signed the version;
//    key "record:<record id>:v<n>:<participant key>";
//  - "record_share" to an adult student with an e-mail address who has not yet decided whether
//    the parents may read it; key "record-share:<record id>:v<n>:<participant key>".
// Nothing without self-service links (no public_url or key) or once the link would have expired.
// A parent's household is the roster's (else the meeting's); an adult student's notice is kept
// apart from the parents' ("student:<key>"), since the student decides what they see.
#pragma once

#include "notices/notice.h"

#include <vector>

namespace lobsync::records {

std::vector<notices::Notice> record_notices(const notices::NoticeContext& context);

}  // namespace lobsync::records
