#include "app/remind.h"

#include "core/time_zone.h"
#include "links/key_ring.h"
#include "messaging/translations.h"
#include "app/notice_sources.h"
#include "store/school_model.h"
#include "store/store.h"

namespace lobsync::app {

notices::DigestReport run_remind(const config::Config& config, store::Store& store, Instant now,
                                 const notices::DigestOptions& options) {
  const auto school = store::load_school(store.roster(), config.guardian_organisations);
  const auto& translations = messaging::shipped_translations();
  notices::NoticeContext ctx;
  ctx.config = &config;
  ctx.school = &school;
  ctx.zone = find_time_zone(config.timezone);
  ctx.now = now;
  ctx.translations = &translations;
  ctx.store = &store;
  if (!config.http.public_url.empty()) {
    ctx.public_url = config.http.public_url;
    // A dry run creates no key; without one its (unsent) messages carry no links.
    ctx.link_key = options.dry_run ? store.link_keys().newest_link_key() : links::current_key(store.link_keys(), now);
  }
  return notices::run_digest(ctx, notice_sources(), options);
}

}  // namespace lobsync::app
