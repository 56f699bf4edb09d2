#include "outbox/dead_report.h"

#include "core/iso_time.h"
#include "messaging/mime.h"
#include "outbox/dispatcher.h"

#include <lobsync/household.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace lobsync::outbox {
namespace {

// More than this many items are counted per channel but not listed one by one.
constexpr std::size_t kListedItems = 50;

bool address_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("._%+-!#$&'*/=?^`{|}~").find(c) != std::string_view::npos;
}

std::string body(const std::vector<const DispatchFailure*>& dead, const AdminNotice& notice, Instant run_started) {
  std::map<std::string, int> per_channel;
  for (const auto* f : dead) ++per_channel[f->channel];
  std::string out = fmt::format(
      "The outbox gave up on {} item(s) in the dispatch run of {}. Nothing more is tried for them until someone "
      "acts.\n\nPer channel:\n",
      dead.size(), local_text(run_started, notice.timezone));
  for (const auto& [channel, count] : per_channel) out += fmt::format("  {}: {}\n", channel, count);
  out += "\nItems (key, channel: error):\n";
  for (std::size_t i = 0; i < dead.size() && i < kListedItems; ++i) {
    out += fmt::format("  {}, {}: {}\n", dead[i]->key, dead[i]->channel, without_addresses(dead[i]->error));
  }
  if (dead.size() > kListedItems) out += fmt::format("  ... and {} more\n", dead.size() - kListedItems);
  out +=
      "\nAll dead items:                    lobsync outbox list --state dead\n"
      "Try again once the cause is fixed:  lobsync outbox retry --all-dead [--channel NAME]  or  lobsync outbox retry KEY...\n"
      "Give up for good:                   lobsync outbox discard KEY...\n";
  return out;
}

}  // namespace

bool is_dead_report(std::string_view key) { return key.substr(0, kDeadReportKeyPrefix.size()) == kDeadReportKeyPrefix; }

std::string without_addresses(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at, end = at + 1;
    while (begin > copied && address_char(text[begin - 1])) --begin;
    while (end < text.size() && (address_char(text[end]) || text[end] == '@')) ++end;
    if (begin == at || end == at + 1) continue;  // a lone '@' is no address
    out.append(text.substr(copied, begin - copied));
    out += "<address>";
    copied = end;
    at = end - 1;
  }
  out.append(text.substr(copied));
  return out;
}

std::optional<store::OutboxEntry> dead_report(const std::vector<DispatchFailure>& failures, const AdminNotice& notice,
                                              Instant run_started) {
  if (!notice.admin.configured() || notice.admin.mailer.empty()) return std::nullopt;
  std::vector<const DispatchFailure*> dead;
  for (const auto& f : failures) {
    if (f.dead && !is_dead_report(f.key)) dead.push_back(&f);
  }
  if (dead.empty()) return std::nullopt;
  std::vector<std::string> keys;
  for (const auto* f : dead) keys.push_back(f->key);
  std::sort(keys.begin(), keys.end());
  std::string joined;
  for (const auto& k : keys) joined += k + '\n';
  const auto run = std::to_string(unix_ms(run_started)) + "-" + lobsync::sdk::fnv1a_hex(joined);

  messaging::TextMessage m;
  m.from = {notice.admin.from, "lobsync"};
  for (const auto& e : notice.admin.emails) m.to.push_back({e, ""});
  const std::string school = notice.school_name.empty() ? "" : " (" + notice.school_name + ")";
  m.subject = fmt::format("lobsync: {} outbox item(s) given up{}", dead.size(), school);
  m.body = body(dead, notice, run_started);
  m.message_id_left = "outbox-dead-report." + run;  // stable for the item: a repeat can be recognised
  m.date = run_started;
  const auto key = std::string(kDeadReportKeyPrefix) + run;
  return store::OutboxEntry{key, notice.admin.mailer, "mail.send",
                            {{"idempotency_key", key},
                             {"from", notice.admin.from},
                             {"recipients", notice.admin.emails},
                             {"message", messaging::build_text_message(m)}}};
}

}  // namespace lobsync::outbox
