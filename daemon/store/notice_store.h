// What the digest (notices/digest.h) remembers: every notice key it sent, with the recipient, the
// local day of the digest that carried it and that digest's outbox key. A key is sent once
// forever; a recipient gets at most one digest a local day. The marks and the digest's outbox
// item are written in one transaction, so a crash leaves both or neither.
#pragma once

#include "core/clock.h"
#include "store/meeting_store.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

// One notice key to remember (a sent notice, or a key it superseded).
struct NoticeMark {
  std::string key;
  std::string meeting;  // "" when the notice is about no meeting
};

// A digest to queue: the marks and the mail, written together.
struct DigestWrite {
  std::string recipient;  // participant key
  std::string day;        // local day of delivery, "YYYY-MM-DD"
  std::vector<NoticeMark> marks;
  OutboxEntry mail;       // mail.key is the digest key
  Instant not_before;     // first delivery attempt (the end of quiet hours, or now)
};

// One mail that went (or is going) to a recipient about a meeting, for the mentor's call list.
struct MailTrace {
  std::string kind;   // "invitation" or "digest"
  std::string state;  // outbox state: pending, in-flight, sent, dead
};

class NoticeStore {
 public:
  virtual ~NoticeStore() = default;

  // Which of `keys` are marked sent (or superseded by a sent notice).
  virtual std::set<std::string> sent_notice_keys(const std::vector<std::string>& keys) = 0;
  // Whether the recipient already has a digest for that local day ("YYYY-MM-DD").
  virtual bool has_digest_on(std::string_view recipient, std::string_view day) = 0;
  // For each digest, marks its keys and queues its mail (pending from not_before); all of them
  // in one transaction, so a crash leaves all or none (a day's digests at a large school are tens
  // of thousands, and a commit each cost most of the run). A digest whose key exists already (a
  // concurrent run) is skipped with its marks; the others are written. The result says, in
  // order, which were written.
  virtual std::vector<bool> record_digests(const std::vector<DigestWrite>& digests, Instant now) = 0;
  // The invitations (keys "invite:<meeting>:<sequence>:<recipient_hash>") and digests that went
  // to this recipient about this meeting, with their outbox states.
  virtual std::vector<MailTrace> mail_about(std::string_view meeting, std::string_view recipient,
                                            std::string_view recipient_hash) = 0;
};

}  // namespace lobsync::store
