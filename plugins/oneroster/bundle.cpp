// Folder and zip bundles. The zip is opened with ZIP_CHECKCONS so a truncated download fails
// here with a clear message instead of yielding half a roster.
#include "bundle.h"

#include <lobsync/plugin_sdk.hpp>

#include <zip.h>

#include <fstream>
#include <sstream>

namespace oneroster {
namespace {

using lobsync::sdk::Error;

// A single CSV larger than this is not a school's roster; refuse instead of exhausting memory.
constexpr zip_uint64_t kMaxEntryBytes = 1ull << 30;

class FolderBundle final : public Bundle {
 public:
  explicit FolderBundle(std::filesystem::path folder) : folder_(std::move(folder)) {}

  std::optional<std::string> read(const std::string& name) override {
    const auto file = folder_ / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, file.string() + ": cannot be read");
    return std::move(bytes).str();
  }

 private:
  std::filesystem::path folder_;
};

class ZipBundle final : public Bundle {
 public:
  ZipBundle(zip_t* zip, std::string path) : zip_(zip), path_(std::move(path)) {}
  ~ZipBundle() override { zip_discard(zip_); }
  ZipBundle(const ZipBundle&) = delete;
  ZipBundle& operator=(const ZipBundle&) = delete;

  std::optional<std::string> read(const std::string& name) override {
    const auto index = find(name);
    if (!index) return std::nullopt;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_, *index, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE)) fail(name, zip_strerror(zip_));
    if (stat.size > kMaxEntryBytes) fail(name, "larger than 1 GiB");
    zip_file_t* file = zip_fopen_index(zip_, *index, 0);
    if (file == nullptr) fail(name, zip_strerror(zip_));
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    zip_uint64_t done = 0;
    while (done < stat.size) {
      const zip_int64_t n = zip_fread(file, bytes.data() + done, stat.size - done);
      if (n <= 0) break;
      done += static_cast<zip_uint64_t>(n);
    }
    // Reading on to the end is what makes libzip check the CRC.
    char extra = 0;
    const zip_int64_t tail = zip_fread(file, &extra, 1);
    std::string error = tail < 0 ? zip_file_strerror(file) : "";
    zip_fclose(file);
    if (tail < 0) fail(name, error);
    if (done != stat.size || tail > 0) fail(name, "size does not match the zip directory");
    return bytes;
  }

 private:
  // Exact name first; else one entry ending in "/name" (exports zipped with their folder).
  std::optional<zip_uint64_t> find(const std::string& name) {
    const zip_int64_t exact = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (exact >= 0) return static_cast<zip_uint64_t>(exact);
    std::optional<zip_uint64_t> found;
    const zip_int64_t count = zip_get_num_entries(zip_, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
      const char* entry = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0);
      const std::string_view e = entry == nullptr ? "" : entry;
      if (e.size() > name.size() && e.ends_with(name) && e[e.size() - name.size() - 1] == '/') {
        if (found) throw Error(LOBSYNC_E_INVALID_ARGUMENT, path_ + ": more than one " + name + " in the zip");
        found = static_cast<zip_uint64_t>(i);
      }
    }
    return found;
  }

  [[noreturn]] void fail(const std::string& name, const std::string& why) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, path_ + ": " + name + " cannot be read from the zip (" + why +
                                                "); is the file truncated or corrupt?");
  }

  zip_t* zip_;
  std::string path_;
};

}  // namespace

std::unique_ptr<Bundle> open_bundle(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::make_unique<FolderBundle>(path);
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, path.string() + ": no such folder or .zip file");
  }
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (zip == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                path.string() + ": not a readable zip (" + why + "); is the file truncated or corrupt?");
  }
  return std::make_unique<ZipBundle>(zip, path.string());
}

}  // namespace oneroster
