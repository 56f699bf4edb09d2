// The daily digest: runs every notice source, drops what was sent before (or superseded by
// something sent), groups the rest per recipient and queues at most one message per recipient
// and local day of delivery, held until the end of quiet hours when made inside them. The notice
// marks and the mail are written in one transaction (store/notice_store.h).
//
// The "day" of a digest is the local day (config school timezone) it is first delivered on: a
// digest made at 22:00 goes out at 07:30 the next morning and counts for that morning's day.
#pragma once

#include "notices/notice.h"

#include <nlohmann/json.hpp>

#include <cstddef>

namespace lobsync::notices {

struct DigestOptions {
  bool dry_run = false;  // decide and count, write nothing
};

struct DigestReport {
  bool dry_run = false;
  std::size_t notices = 0;               // notices put into digests
  std::size_t digests = 0;               // digests queued (one per recipient)
  std::size_t held_for_quiet_hours = 0;  // of those, digests first delivered when quiet hours end
  std::size_t waiting_for_tomorrow = 0;  // notices held back: their recipient has that day's digest
  std::size_t without_email = 0;         // notices for recipients without an address (the call list)
};

// Throws std::runtime_error when digests cannot be made (no planning.mailer or organizer
// address); then nothing was written.
DigestReport run_digest(const NoticeContext& context, const std::vector<NoticeSource>& sources,
                        const DigestOptions& options);

nlohmann::json to_json(const DigestReport& report);
// One line for people: "3 notices in 2 digests (0 held for quiet hours); …".
std::string summary(const DigestReport& report);

}  // namespace lobsync::notices
