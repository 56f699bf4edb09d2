// The OneRoster plugin's reading of a zipped export (plugins/oneroster/bundle.cpp: the zip is
// opened with consistency checks, entries are found by name or as "<folder>/<name>", and read to
// the end so libzip checks their CRC). The input is the .zip file; it is written to a scratch
// file per run, as the plugin opens exports by path.
//
// Invariants: only lobsync::sdk::Error escapes, naming the file; an entry that is read has
// exactly the size the zip's directory gives it (a truncated or padded entry is an error).
#include "fuzz_support.hpp"

#include "oneroster/bundle.h"

#include <zip.h>

#include <fstream>
#include <unistd.h>

namespace {

// One file per fuzzer process, in memory where there is a tmpfs; removed when the process ends.
struct ScratchFile {
  std::filesystem::path path;
  ScratchFile() {
    const std::filesystem::path dir = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    path = dir / ("lobsync-fuzz-" + std::to_string(::getpid()) + ".zip");
  }
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

// The size libzip's directory gives `name`, looked up as the bundle does (exact name first).
std::optional<zip_uint64_t> directory_size(const std::filesystem::path& file, const std::string& name) {
  int code = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) return std::nullopt;
  std::optional<zip_uint64_t> size;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(zip, name.c_str(), ZIP_FL_NOCASE, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE)) size = stat.size;
  zip_discard(zip);
  return size;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ScratchFile scratch;
  const std::filesystem::path& file = scratch.path;
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const auto bundle = oneroster::open_bundle(file);
    for (const std::string name : {"manifest.csv", "users.csv", "orgs.csv"}) {
      try {
        const auto bytes = bundle->read(name);
        if (!bytes) continue;
        if (const auto listed = directory_size(file, name)) {
          fuzz::check(bytes->size() == *listed, "an entry read has the size the directory gives it", name);
        }
      } catch (const lobsync::sdk::Error& e) {
        fuzz::check(std::string_view(e.what()).starts_with(file.string()), "a read error names the file", e.what());
      }
    }
  } catch (const lobsync::sdk::Error& e) {
    fuzz::check(std::string_view(e.what()).starts_with(file.string()), "an unreadable zip is named", e.what());
  }
  return 0;
}
