#include "sources.hpp"

#include "swp_client.hpp"

#include <fstream>
#include <sstream>

namespace magister {
namespace {

using lobsync::sdk::Error;

Source read_file(const std::filesystem::path& folder, const std::string& name) {
  const auto path = folder / name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    // The export may simply not have arrived yet: worth another try later.
    throw Error(LOBSYNC_E_UNAVAILABLE, name + " not found in " + folder.string());
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw Error(LOBSYNC_E_UNAVAILABLE, "cannot read " + path.string());
  return {name, true, std::move(bytes).str()};
}

Sources from_files(const Settings& settings) {
  Sources sources;
  for (Table t : kTables) {
    const auto& name = settings.files[static_cast<std::size_t>(t)];
    if (name) sources[static_cast<std::size_t>(t)] = read_file(settings.folder, *name);
  }
  return sources;
}

Sources from_swp(const lobsync::sdk::Host& host, const Settings& settings) {
  SwpClient swp(host, settings);
  swp.login();
  Sources sources;
  sources[static_cast<std::size_t>(Table::students)] = Source{"GetActiveStudents", false, swp.active_students()};
  sources[static_cast<std::size_t>(Table::staff)] = Source{"GetActiveEmpoyees", false, swp.active_employees()};
  if (settings.parents_layout) {
    sources[static_cast<std::size_t>(Table::parents)] =
        Source{"layout " + *settings.parents_layout, false, swp.layout(*settings.parents_layout)};
  }
  if (settings.mentors_layout) {
    sources[static_cast<std::size_t>(Table::mentors)] =
        Source{"layout " + *settings.mentors_layout, false, swp.layout(*settings.mentors_layout)};
  }
  return sources;
}

}  // namespace

Sources load_sources(const lobsync::sdk::Host& host, const Settings& settings) {
  return settings.mode == Mode::swp ? from_swp(host, settings) : from_files(settings);
}

}  // namespace magister
