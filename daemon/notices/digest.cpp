#include "notices/digest.h"

#include "core/log.h"
#include "notices/digest_message.h"
#include "notices/quiet_hours.h"
#include "planning/school_calendar.h"
#include "store/store.h"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace lobsync::notices {
namespace {

// Everything due, once per key.
std::vector<Notice> collect(const NoticeContext& ctx, const std::vector<NoticeSource>& sources) {
  std::vector<Notice> all;
  for (const auto& source : sources) {
    auto more = source(ctx);
    all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  std::set<std::string> seen;
  std::erase_if(all, [&](const Notice& n) { return !seen.insert(n.key).second; });
  return all;
}

// What is still to send: not sent before, and not made moot by another notice going out now.
// Only a notice still to send supersedes: a home assignment sent days ago does not silence its
// reminder, but one going out together with its reminder does.
std::vector<Notice> still_to_send(store::NoticeStore& store, std::vector<Notice> notices) {
  std::vector<std::string> keys;
  keys.reserve(notices.size());
  for (const auto& n : notices) keys.push_back(n.key);
  const auto sent = store.sent_notice_keys(keys);
  std::erase_if(notices, [&](const Notice& n) { return sent.count(n.key) > 0; });
  std::set<std::string> superseded;
  for (const auto& n : notices) superseded.insert(n.supersedes.begin(), n.supersedes.end());
  std::erase_if(notices, [&](const Notice& n) { return superseded.count(n.key) > 0; });
  return notices;
}

std::vector<store::NoticeMark> marks_of(const std::vector<Notice>& notices) {
  std::vector<store::NoticeMark> marks;
  for (const auto& n : notices) {
    marks.push_back({n.key, n.meeting});
    for (const auto& k : n.supersedes) marks.push_back({k, n.meeting});
  }
  return marks;
}

void check_can_mail(const config::Config& config) {
  if (config.planning.mailer.empty())
    throw std::runtime_error("digests need a mailer: set planning.mailer to a plugin instance that sends mail");
  if (config.planning.organizer.email.empty())
    throw std::runtime_error("digests need a sender: set planning.organizer.email");
}

}  // namespace

DigestReport run_digest(const NoticeContext& ctx, const std::vector<NoticeSource>& sources, const DigestOptions& options) {
  check_can_mail(*ctx.config);
  DigestReport report;
  report.dry_run = options.dry_run;
  auto& store = ctx.store->notices();

  std::map<std::string, std::vector<Notice>> by_recipient;
  for (auto& n : still_to_send(store, collect(ctx, sources))) {
    if (n.recipient.email.empty()) {
      ++report.without_email;  // nobody to write to: the mentor's call list shows them
      continue;
    }
    by_recipient[n.recipient.key].push_back(std::move(n));
  }

  const auto deliver_at = deliverable_from(ctx.config->notices, ctx.zone, ctx.now);
  const bool quiet = deliver_at > ctx.now;
  const auto day = date::format("%F", planning::local_day(ctx.zone, deliver_at));
  const auto count = [&](std::size_t notices) {
    ++report.digests;
    report.notices += notices;
    if (quiet) ++report.held_for_quiet_hours;
  };
  // Written in batches, each in one transaction: one commit per digest was most of a large run.
  constexpr std::size_t kBatch = 500;
  std::vector<store::DigestWrite> batch;
  std::vector<std::size_t> batch_notices;
  const auto flush = [&] {
    if (batch.empty()) return;
    const auto written = store.record_digests(batch, ctx.now);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (written.at(i)) {
        count(batch_notices[i]);
      } else {
        report.waiting_for_tomorrow += batch_notices[i];  // another run queued this recipient's digest just now
      }
    }
    batch.clear();
    batch_notices.clear();
  };
  for (auto& [recipient, notices] : by_recipient) {
    if (store.has_digest_on(recipient, day)) {
      report.waiting_for_tomorrow += notices.size();
      continue;
    }
    std::sort(notices.begin(), notices.end(), [](const Notice& a, const Notice& b) {
      return a.about != b.about ? a.about < b.about : a.key < b.key;
    });
    auto mail = digest_mail(ctx, notices.front().recipient, notices, day);
    if (options.dry_run) {
      count(notices.size());
      continue;
    }
    batch.push_back({recipient, day, marks_of(notices), std::move(mail), deliver_at});
    batch_notices.push_back(notices.size());
    if (batch.size() >= kBatch) flush();
  }
  flush();
  log::info("remind: {}", summary(report));
  return report;
}

std::string summary(const DigestReport& r) {
  return fmt::format("{} notices in {} digests ({} held for quiet hours); {} waiting for tomorrow; {} for recipients "
                     "without e-mail{}",
                     r.notices, r.digests, r.held_for_quiet_hours, r.waiting_for_tomorrow, r.without_email,
                     r.dry_run ? " (dry run: nothing queued)" : "");
}

nlohmann::json to_json(const DigestReport& r) {
  return {{"notices", r.notices},
          {"digests", r.digests},
          {"held_for_quiet_hours", r.held_for_quiet_hours},
          {"waiting_for_tomorrow", r.waiting_for_tomorrow},
          {"without_email", r.without_email},
          {"dry_run", r.dry_run}};
}

}  // namespace lobsync::notices
