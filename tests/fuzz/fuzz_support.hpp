// What every fuzz target shares: invariant checks that fail loudly (libFuzzer keeps the input
// that aborts), a multi-file input format for readers of whole exports, and stand-ins for the
// plugin host so plugin code runs without the daemon.
#pragma once

#include <lobsync/plugin_sdk.hpp>
#include <lobsync/text_encoding.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// An invariant that does not hold is a bug as real as a crash: print what and stop.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n*** invariant violated: %s\n", what);
  if (!detail.empty()) std::fprintf(stderr, "*** %.*s\n", static_cast<int>(std::min<std::size_t>(detail.size(), 2000)), detail.data());
  std::abort();
}

inline void check(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

// As check(), showing the document on failure; it is serialised only then, as the checks run
// for every document of every input.
inline void check_doc(bool ok, const char* what, const nlohmann::json& doc) {
  if (!ok) fail(what, doc.dump());
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline bool valid_utf8(std::string_view text) {
  return lobsync::sdk::detail::first_invalid_utf8(text) == std::string_view::npos;
}

// Several files in one input, so a reader of a whole export can be fuzzed without a disk:
//
//   options line (anything before the first marker; the target decides what it means)
//   @@@ users.csv
//   ...bytes of users.csv...
//   @@@ orgs.csv
//   ...
//
// A marker is "@@@ " at the start of a line; the file runs to the line end before the next
// marker (that line end belongs to the marker). A name given twice keeps the first file.
struct Files {
  std::string options;
  std::map<std::string, std::string> files;
};

inline Files split_files(std::string_view input) {
  Files out;
  constexpr std::string_view kMarker = "@@@ ";
  const auto next_marker = [&](std::size_t from) {
    for (std::size_t at = input.find(kMarker, from); at != std::string_view::npos; at = input.find(kMarker, at + 1)) {
      if (at == 0 || input[at - 1] == '\n') return at;
    }
    return std::string_view::npos;
  };
  std::size_t at = next_marker(0);
  out.options = std::string(input.substr(0, at == std::string_view::npos ? input.size() : at));
  while (at != std::string_view::npos) {
    const std::size_t name_end = std::min(input.find('\n', at), input.size());
    std::string name(input.substr(at + kMarker.size(), name_end - at - kMarker.size()));
    if (!name.empty() && name.back() == '\r') name.pop_back();
    const std::size_t body = std::min(name_end + 1, input.size());
    const std::size_t next = next_marker(body);
    std::size_t end = next == std::string_view::npos ? input.size() : next - 1;  // drop the '\n' before it
    if (end < body) end = body;
    out.files.try_emplace(std::move(name), input.substr(body, end - body));
    at = next;
  }
  return out;
}

// Whether the options line holds `word` as a whole word ("encoding=auto").
inline bool has_option(std::string_view options, std::string_view word) {
  for (std::size_t at = options.find(word); at != std::string_view::npos; at = options.find(word, at + 1)) {
    const bool starts = at == 0 || options[at - 1] == ' ' || options[at - 1] == '\n';
    const std::size_t end = at + word.size();
    const bool ends = end == options.size() || options[end] == ' ' || options[end] == '\n' || options[end] == '\r';
    if (starts && ends) return true;
  }
  return false;
}

// Collects what a plugin emits, checked as the host would receive it: each a JSON object.
class Collector {
 public:
  Collector() : emitter_(&Collector::take, this) {}
  lobsync::sdk::Emitter& emitter() { return emitter_; }
  const std::vector<nlohmann::json>& documents() const { return documents_; }

 private:
  static int take(void* self, const char* data, std::size_t size) {
    auto doc = nlohmann::json::parse(data, data + size, nullptr, false);
    check(doc.is_object(), "an emitted document is a JSON object", std::string_view(data, size));
    static_cast<Collector*>(self)->documents_.push_back(std::move(doc));
    return 0;
  }
  lobsync::sdk::Emitter emitter_;
  std::vector<nlohmann::json> documents_;
};

// A host that logs nowhere, has a fixed clock, no secrets and no network.
class QuietHost {
 public:
  explicit QuietHost(std::int64_t now_unix_ms = 1'790'000'000'000) : host_(&api_, reinterpret_cast<lobsync_host_ctx*>(this)), now_(now_unix_ms) {
    api_.struct_size = sizeof api_;
    api_.log = [](lobsync_host_ctx*, lobsync_log_level, const char*, std::size_t) {};
    api_.set_error = [](lobsync_host_ctx*, const char*, std::size_t) {};
    api_.now_unix_ms = [](lobsync_host_ctx* ctx) { return reinterpret_cast<QuietHost*>(ctx)->now_; };
    api_.secret = [](lobsync_host_ctx*, const char*, std::size_t, int (*)(void*, const char*, std::size_t), void*) {
      return LOBSYNC_E_NOT_SUPPORTED;
    };
    api_.http_request = [](lobsync_host_ctx*, const char*, std::size_t, const char*, std::size_t, lobsync_http_done_fn,
                           void*) { return LOBSYNC_E_NOT_SUPPORTED; };
  }
  QuietHost(const QuietHost&) = delete;
  QuietHost& operator=(const QuietHost&) = delete;
  const lobsync::sdk::Host& host() const { return host_; }

 private:
  lobsync_host_api api_{};
  lobsync::sdk::Host host_;
  std::int64_t now_;
};

// The record kinds of plugins/sdk/roster-records.md, and "problem".
inline bool known_kind(const nlohmann::json& doc) {
  static const char* const kKinds[] = {"location", "student", "guardian", "staff", "group", "mentor", "problem"};
  if (!doc.contains("kind") || !doc["kind"].is_string()) return false;
  for (const char* k : kKinds) {
    if (doc["kind"] == k) return true;
  }
  return false;
}

// What every roster source promises of its output: known kinds; records identified (a source_id,
// or for a mentor its staff and group or student); problems that say where and what.
inline void check_roster_document(const nlohmann::json& doc) {
  check_doc(known_kind(doc), "a roster document has a known kind", doc);
  const auto non_empty_string = [&](const char* key) { return doc.contains(key) && doc[key].is_string() && !doc[key].get<std::string>().empty(); };
  if (doc["kind"] == "problem") {
    check_doc(non_empty_string("record") && non_empty_string("message"), "a problem names its record and says what is wrong", doc);
    // "nothing": the value is kept but the source should be fixed (sdk/roster-records.md).
    const auto dropped = doc.value("dropped", "");
    check_doc(dropped == "record" || dropped == "value" || dropped == "nothing", "a problem says what was dropped", doc);
    return;
  }
  if (doc["kind"] == "mentor") {
    check_doc(non_empty_string("staff"), "a mentor record names its staff member", doc);
    check_doc(non_empty_string("group") != non_empty_string("student"), "a mentor record names a group or a student", doc);
    return;
  }
  check_doc(non_empty_string("source_id"), "a record has a source_id", doc);
  const std::string kind = doc["kind"].get<std::string>();
  if (kind == "student") check_doc(non_empty_string("given_name") && non_empty_string("family_name"), "a student has names", doc);
  if (kind == "staff" || kind == "guardian") check_doc(non_empty_string("family_name"), "staff and guardians have a family name", doc);
  if (kind == "location" || kind == "group") check_doc(non_empty_string("name"), "locations and groups have a name", doc);
  if (kind == "guardian") {
    check_doc(doc.contains("students") && doc["students"].is_array() && !doc["students"].empty(), "a guardian links students", doc);
  }
}

}  // namespace fuzz
