/*
 * lobsync plugin ABI, version 1.1 (1.1 appended settings_json to the descriptor).
 *
 * This header is the whole contract between the lobsync host and a plugin. It is plain C with
 * standard headers only, so a plugin can be written in any language that can export a C symbol.
 *
 * Rules of the boundary:
 *  - A plugin is a shared module that exports exactly one symbol, LOBSYNC_PLUGIN_ENTRY_V1. The
 *    major ABI version is part of the symbol name, so a plugin built for another major version
 *    fails at lookup with a clear message instead of misbehaving.
 *  - Every struct that crosses the boundary starts with `struct_size`. Members are only ever
 *    appended (marked "Added in 1.N"); a reader copies min(struct_size, sizeof) and treats
 *    missing members as NULL / 0. The host refuses a plugin built for a newer minor version.
 *  - Data crosses as UTF-8 JSON text (pointer + length, not NUL-terminated unless stated).
 *    Config, requests and results are JSON documents; their shapes per operation are
 *    documented in plugins/sdk/README.md.
 *  - Errors are status codes plus a message set through host->set_error(). C++ exceptions must
 *    never cross the boundary (the C++ SDK in plugin_sdk.hpp catches them for you).
 *  - Memory: every pointer handed to a callback is valid only during that call. Copy what you
 *    keep. Strings in the descriptor must live as long as the module is loaded.
 *
 * Threads: create/destroy run on the host's control thread. `call` may run on any host worker
 * thread, but never concurrently on the same instance. Host API functions are thread-safe.
 */
#ifndef LOBSYNC_PLUGIN_ABI_H
#define LOBSYNC_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LOBSYNC_ABI_MAJOR 1
#define LOBSYNC_ABI_MINOR 1

/* The one symbol a plugin exports. */
#define LOBSYNC_PLUGIN_ENTRY_V1 lobsync_plugin_entry_v1
#define LOBSYNC_PLUGIN_ENTRY_V1_NAME "lobsync_plugin_entry_v1"

#if defined(__GNUC__)
#define LOBSYNC_EXPORT __attribute__((visibility("default")))
#else
#define LOBSYNC_EXPORT
#endif

/* Status codes returned by every fallible hook. 0 is success. */
typedef enum lobsync_status {
  LOBSYNC_OK = 0,
  LOBSYNC_E_INVALID_ARGUMENT = 1, /* the request document is malformed */
  LOBSYNC_E_CONFIG = 2,           /* the instance's settings are wrong; fix config */
  LOBSYNC_E_UNAVAILABLE = 3,      /* transient: remote down, timeout; retrying may help */
  LOBSYNC_E_PERMANENT = 4,        /* the remote refused this item for good; do not retry */
  LOBSYNC_E_AUTH = 5,             /* credentials rejected */
  LOBSYNC_E_NOT_SUPPORTED = 6,    /* unknown operation for this plugin */
  LOBSYNC_E_ABORTED = 7,          /* the host's emit callback asked to stop */
  LOBSYNC_E_INTERNAL = 8          /* a bug or an unexpected exception inside the plugin */
} lobsync_status;

/* Capabilities, as a bit set in the descriptor. */
enum {
  LOBSYNC_CAP_ROSTER_SOURCE = 1u << 0,   /* op "roster.read" */
  LOBSYNC_CAP_BUSY_SOURCE = 1u << 1,     /* op "busy.read" */
  LOBSYNC_CAP_CALENDAR_WRITER = 1u << 2, /* ops "calendar.put", "calendar.delete" */
  LOBSYNC_CAP_MAILER = 1u << 3,          /* op "mail.send" */
  LOBSYNC_CAP_DOSSIER_SINK = 1u << 4     /* op "dossier.push" */
};

typedef enum lobsync_log_level {
  LOBSYNC_LOG_TRACE = 0,
  LOBSYNC_LOG_DEBUG = 1,
  LOBSYNC_LOG_INFO = 2,
  LOBSYNC_LOG_WARN = 3,
  LOBSYNC_LOG_ERROR = 4
} lobsync_log_level;

/* Opaque handles. The names say who owns them. */
typedef struct lobsync_host_ctx lobsync_host_ctx; /* host-owned; identifies one plugin instance */
typedef struct lobsync_instance lobsync_instance; /* plugin-owned; one configured instance */

/*
 * A sink for JSON documents (records, problems, results). Called once per document.
 * Returns 0 to continue or non-zero to ask the producer to stop (it then returns
 * LOBSYNC_E_ABORTED). `data` is valid only during the call.
 */
typedef int (*lobsync_emit_fn)(void* user, const char* data, size_t size);

/* An HTTP response handed to the plugin's callback; valid only during that call. */
typedef struct lobsync_http_response {
  uint32_t struct_size;
  int32_t status;            /* HTTP status, or 0 when no response was received */
  const char* headers_json;  /* JSON object: lower-case header name -> value */
  size_t headers_size;
  const char* body;          /* raw bytes, not NUL-terminated */
  size_t body_size;
  const char* error;         /* NUL-terminated transport error when status is 0, else NULL */
} lobsync_http_response;

typedef void (*lobsync_http_done_fn)(void* user, const lobsync_http_response* response);

/*
 * Services the host gives to plugins. Every function takes the instance's host context, which
 * tells the host who is calling (for logs, metrics and secrets).
 */
typedef struct lobsync_host_api {
  uint32_t struct_size;
  uint32_t abi_minor;

  /* Writes one line to the daemon's log under the instance's name. */
  void (*log)(lobsync_host_ctx* ctx, lobsync_log_level level, const char* msg, size_t size);

  /* Records the message that explains the status code the plugin is about to return. */
  void (*set_error)(lobsync_host_ctx* ctx, const char* msg, size_t size);

  /* Wall clock as milliseconds since the Unix epoch, UTC. Tests may fix it. */
  int64_t (*now_unix_ms)(lobsync_host_ctx* ctx);

  /*
   * Resolves a secret reference from the instance's settings, such as {"env":"NAME"} or
   * {"file":"/etc/lobsync/secret"}, and hands the value to `out`. Returns LOBSYNC_E_CONFIG
   * (with an error message naming the reference, never the value) when it cannot be resolved.
   */
  lobsync_status (*secret)(lobsync_host_ctx* ctx, const char* ref_json, size_t ref_size,
                           lobsync_emit_fn out, void* user);

  /*
   * Performs one HTTP request synchronously on the calling thread (libcurl, TLS verified,
   * retries with backoff and Retry-After as the request allows) and calls `done` once with
   * the final response. The request is a JSON object:
   *   {"method":"GET","url":"https://…","headers":{"name":"value"},"timeout_ms":30000,
   *    "max_attempts":4,"retry_on":[429,502,503,504]}
   * with the body passed separately. Methods: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS,
   * PROPFIND, PROPPATCH, REPORT, MKCOL, MKCALENDAR. Returns LOBSYNC_OK when `done` was called
   * (also for HTTP error statuses), LOBSYNC_E_INVALID_ARGUMENT for a malformed request.
   */
  lobsync_status (*http_request)(lobsync_host_ctx* ctx, const char* request_json,
                                 size_t request_size, const char* body, size_t body_size,
                                 lobsync_http_done_fn done, void* user);
} lobsync_host_api;

/* What a plugin tells the host about itself. Returned by the entry symbol. */
typedef struct lobsync_plugin_descriptor {
  uint32_t struct_size;
  uint32_t abi_major; /* must equal LOBSYNC_ABI_MAJOR */
  uint32_t abi_minor; /* must be <= the host's LOBSYNC_ABI_MINOR */

  const char* name;        /* NUL-terminated, [a-z0-9-]+, unique among loaded plugins */
  const char* version;     /* NUL-terminated, the plugin's own version */
  const char* description; /* NUL-terminated, one line */
  uint32_t capabilities;   /* LOBSYNC_CAP_* bits */

  /*
   * Optional. Checks the instance settings without side effects and emits one JSON object
   * per problem: {"path":"/client_secret","message":"…"} (path relative to the settings).
   * Returns LOBSYNC_OK when it ran, whatever it found.
   */
  lobsync_status (*validate_config)(const char* settings_json, size_t size, lobsync_emit_fn problem,
                                    void* user);

  /* Creates an instance from its settings. On failure returns non-zero and sets an error. */
  lobsync_status (*create)(const lobsync_host_api* host, lobsync_host_ctx* ctx,
                           const char* settings_json, size_t size, lobsync_instance** out);

  /* Releases an instance. Never fails. */
  void (*destroy)(lobsync_instance* instance);

  /*
   * Runs one operation ("roster.read", "mail.send", …) with a JSON request. Results are
   * emitted as JSON documents, possibly many (a roster streams one record per emit).
   */
  lobsync_status (*call)(lobsync_instance* instance, const char* operation,
                         const char* request_json, size_t request_size, lobsync_emit_fn emit,
                         void* user);

  /* Optional. Emits one JSON object describing the instance's health: {"ok":true,…}. */
  lobsync_status (*health)(lobsync_instance* instance, lobsync_emit_fn emit, void* user);

  /*
   * Added in 1.1. Optional (NULL: the plugin declares no settings). The settings the plugin
   * accepts, as NUL-terminated UTF-8 JSON text: an array with one object per setting,
   *   [{"key":"port","type":"integer","required":false,"default":587,"min":1,"max":65535,
   *     "description":"…"}, …]
   * (plugins/sdk/README.md lists the members). The host shows it (`lobsync plugins --describe`);
   * validate_config stays the judge of the settings.
   */
  const char* settings_json;
} lobsync_plugin_descriptor;

/*
 * The entry symbol. The host passes its own ABI version; a plugin may return NULL to refuse a
 * host it cannot work with. The returned descriptor must stay valid while the module is loaded.
 */
typedef const lobsync_plugin_descriptor* (*lobsync_plugin_entry_v1_fn)(uint32_t host_abi_major,
                                                                      uint32_t host_abi_minor);

#ifdef __cplusplus
}
#endif

#endif /* LOBSYNC_PLUGIN_ABI_H */
