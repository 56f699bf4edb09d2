// Broken plugins written against the raw C ABI, one per VARIANT, so the host's refusals can be
// tested with real shared objects. Each variant breaks exactly one rule (VARIANT_ABI_1_0 breaks
// none: it is an older plugin that must still load).
#include <lobsync/plugin_abi.h>

#include <cstddef>
#include <stdexcept>

namespace {

lobsync_status create(const lobsync_host_api*, lobsync_host_ctx*, const char*, size_t, lobsync_instance** out) {
  static int dummy;
  *out = reinterpret_cast<lobsync_instance*>(&dummy);
  return LOBSYNC_OK;
}
void destroy(lobsync_instance*) {}
lobsync_status call(lobsync_instance*, const char*, const char*, size_t, lobsync_emit_fn, void*) {
#if defined(VARIANT_RAW_THROW)
  // Breaks the rule that exceptions never cross the boundary; the host must survive it.
  throw std::runtime_error("thrown straight through the C ABI");
#else
  return LOBSYNC_OK;
#endif
}

[[maybe_unused]] lobsync_plugin_descriptor make() {
  lobsync_plugin_descriptor d{};
  d.struct_size = sizeof(d);
  d.abi_major = LOBSYNC_ABI_MAJOR;
  d.abi_minor = LOBSYNC_ABI_MINOR;
  d.name = PLUGIN_NAME;
  d.version = "0.0.1";
  d.description = "deliberately broken test plugin";
  d.capabilities = LOBSYNC_CAP_MAILER;
  d.create = &create;
  d.destroy = &destroy;
  d.call = &call;
#if defined(VARIANT_ABI_MAJOR)
  d.abi_major = 2;
  d.abi_minor = 0;
#elif defined(VARIANT_ABI_MINOR)
  d.abi_minor = 99;
#elif defined(VARIANT_NO_CAPABILITIES)
  d.capabilities = 0;
#elif defined(VARIANT_NO_CREATE)
  d.create = nullptr;
#elif defined(VARIANT_BAD_NAME)
  d.name = "Bad Name!";
#elif defined(VARIANT_DUPLICATE)
  d.name = "mail-folder";
#elif defined(VARIANT_TINY_STRUCT)
  d.struct_size = 8;
#elif defined(VARIANT_ABI_1_0)
  // Not broken: a plugin built against ABI 1.0, whose descriptor ends before settings_json.
  d.abi_minor = 0;
  d.struct_size = offsetof(lobsync_plugin_descriptor, settings_json);
#endif
  return d;
}

#if defined(VARIANT_UNRESOLVED)
extern "C" int lobsync_symbol_that_exists_nowhere(void);
#endif

}  // namespace

#if !defined(VARIANT_NO_ENTRY)
extern "C" LOBSYNC_EXPORT const lobsync_plugin_descriptor* LOBSYNC_PLUGIN_ENTRY_V1(uint32_t, uint32_t) {
#if defined(VARIANT_DECLINES)
  return nullptr;
#else
#if defined(VARIANT_UNRESOLVED)
  (void)lobsync_symbol_that_exists_nowhere();
#endif
  static const lobsync_plugin_descriptor d = make();
  return &d;
#endif
}
#else
extern "C" LOBSYNC_EXPORT int lobsync_something_else() { return 42; }
#endif
