// Reading the logo at load: only a regular file (never a device or a pipe, which could block the
// start), and never more than the limit.
#include "config/school_look.h"

#include <fstream>
#include <iterator>
#include <system_error>

namespace lobsync::config {

std::optional<std::string> read_small_file(const std::filesystem::path& file, std::size_t limit, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    error = "'" + file.string() + "' cannot be read: " + (ec ? ec.message() : "not a regular file");
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > limit) {
    error = "'" + file.string() + "' is " + std::to_string(size) + " bytes; at most " + std::to_string(limit) + " are allowed";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (ec || in.bad()) {
    error = "'" + file.string() + "' cannot be read";
    return std::nullopt;
  }
  if (bytes.size() > limit) {  // grew after the size was asked
    error = "'" + file.string() + "' is more than " + std::to_string(limit) + " bytes";
    return std::nullopt;
  }
  return bytes;
}

}  // namespace lobsync::config
