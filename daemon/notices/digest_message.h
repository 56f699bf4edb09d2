// The digest as a mail: one multipart/alternative (text + HTML) message to one recipient in
// their language, a section per notice, and the outbox request the mailer plugins take.
#pragma once

#include "notices/notice.h"
#include "store/meeting_store.h"

namespace lobsync::notices {

// `notices` are the recipient's, already in the order they should appear; `day` is the local
// day of delivery ("YYYY-MM-DD"), part of the outbox key "digest:<recipient key>:<day>".
// Throws messaging::MessageError when an address or a text cannot go into a message.
store::OutboxEntry digest_mail(const NoticeContext& context, const domain::Participant& recipient,
                               const std::vector<Notice>& notices, const std::string& day);

std::string digest_key(const std::string& recipient, const std::string& day);

}  // namespace lobsync::notices
