// The daemon's config loader (daemon/config/load.cpp parse_text, with the planning, notices,
// records and assignments sections it reads). The input is the config file's text.
//
// Invariants: it never throws; a config is returned exactly when there is no problem; every
// problem names its place: a syntax error "file:line:column", any other problem a JSON pointer
// into a section the document has (the value itself may be the missing one); an
// accepted config's time zone is known and its jobs run at a valid HH:MM.
#include "fuzz_support.hpp"

#include "config/load.h"
#include "config/secrets.h"

#include <date/tz.h>

// Secret references name files and environment variables. The fuzzer must not read the machine's
// files (a reference to /dev/stdin or /dev/zero would hang it), so this target takes the real
// resolve_secret apart: its checks run, a file reference resolves to a fixed value.
#define resolve_secret resolve_secret_from_system
#include "config/secrets.cpp"
#undef resolve_secret

namespace lobsync::config {

SecretResult resolve_secret(const nlohmann::json& reference) {
  if (is_secret_reference(reference) && reference.contains("file")) {
    const auto path = reference["file"].get<std::string>();
    if (path.empty()) return {std::nullopt, "secret file cannot be read"};
    return {std::string(path.size() % 2 == 0 ? "a-secret-of-enough-length" : "short"), {}};
  }
  return resolve_secret_from_system(reference);
}

// The logo file likewise (logo_file.cpp is not linked): a name of even length is a small PNG,
// any other cannot be read.
std::optional<std::string> read_small_file(const std::filesystem::path& file, std::size_t, std::string& error) {
  if (file.string().size() % 2 == 0) return std::string("\x89PNG\r\n\x1a\n", 8);
  error = "'" + file.string() + "' cannot be read";
  return std::nullopt;
}

}  // namespace lobsync::config

namespace {

using nlohmann::json;

// The value a JSON pointer names, or null when a step is missing.
const json* find(const json& root, const std::string& pointer) {
  try {
    const json::json_pointer p(pointer);
    return root.contains(p) ? &root.at(p) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  const auto result = lobsync::config::parse_text(text, "/etc/lobsync/lobsync.json");
  fuzz::check(result.config.has_value() == result.problems.empty(), "a config exactly when there is no problem");

  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const json root = json::parse(text, nullptr, false, true);
  for (const auto& problem : result.problems) {
    fuzz::check(!problem.message.empty(), "a problem says what is wrong", problem.path);
    if (root.is_discarded()) {
      // A syntax error names file, line and column; a number too large to read names its key.
      fuzz::check((problem.path.empty() && problem.message.starts_with("/etc/lobsync/lobsync.json:")) ||
                      problem.path.starts_with('/'),
                  "an unreadable document names file, line and column, or the value", problem.message);
      continue;
    }
    if (problem.path.empty()) continue;  // the document as a whole
    fuzz::check(problem.path.starts_with('/'), "a problem's path is a JSON pointer", problem.path);
    // The value itself may be the missing one, and so may its object ("/planning/organizer/email"
    // when invitations need a sender): the section it belongs to is there.
    const std::string section = problem.path.substr(0, problem.path.find('/', 1));
    fuzz::check(find(root, section) != nullptr, "a problem's pointer is in a section of the document", problem.path);
  }
  if (result.config) {
    const auto& c = *result.config;
    try {
      (void)date::locate_zone(c.timezone);
    } catch (const std::exception&) {
      fuzz::fail("an accepted config has a known time zone", c.timezone);
    }
    for (const auto& job : c.jobs) {
      fuzz::check(job.at.size() == 5 && job.at[2] == ':', "an accepted job runs at HH:MM", job.at);
    }
  }
  return 0;
}
