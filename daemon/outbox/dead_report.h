// Tells the administrators when outbox items went dead: one e-mail per dispatch run that gave
// items up (not one per item), to admin.email through admin.mailer. The message is queued in the
// outbox itself under a key of its own, so it survives a crash and is retried like any mail.
// It holds keys, channels, errors (with any address masked) and counts: never a recipient's
// address or a message's content.
#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "store/meeting_store.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::outbox {

struct DispatchFailure;

// Who is told, and how the school is named and its clock shown in the message.
struct AdminNotice {
  config::AdminSettings admin;
  std::string school_name;
  std::string timezone = "Europe/Amsterdam";
};

// Keys of the reports start with this; a report that goes dead itself is logged, not reported.
inline constexpr std::string_view kDeadReportKeyPrefix = "outbox-dead-report:";

bool is_dead_report(std::string_view key);

// `text` with every e-mail address replaced by "<address>": plugins' errors may quote one.
std::string without_addresses(std::string_view text);

// The report about `dead` (failures of one run) as an outbox entry for admin.mailer, or nullopt
// when no administrator is configured or nothing but reports went dead. `run_started` names the
// run (its key and Message-ID are stable for it). Throws messaging::MessageError when the
// configured addresses cannot make a message.
std::optional<store::OutboxEntry> dead_report(const std::vector<DispatchFailure>& dead, const AdminNotice& notice,
                                              Instant run_started);

}  // namespace lobsync::outbox
