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

Sources from_files(const Settings& settings, std::initializer_list<Table> tables) {
  Sources sources;
  for (Table t : tables) {
    const auto& name = settings.files[static_cast<std::size_t>(t)];
    if (name) sources[static_cast<std::size_t>(t)] = read_file(settings.folder, *name);
  }
  return sources;
}

std::optional<std::string> layout_of(const Settings& settings, Table t) {
  switch (t) {
    case Table::parents: return settings.parents_layout;
    case Table::mentors: return settings.mentors_layout;
    case Table::timetable: return settings.timetable_layout;
    default: return std::nullopt;
  }
}

Sources from_swp(const lobsync::sdk::Host& host, const Settings& settings, std::initializer_list<Table> tables) {
  SwpClient swp(host, settings);
  swp.login();
  Sources sources;
  for (Table t : tables) {
    auto& slot = sources[static_cast<std::size_t>(t)];
    if (t == Table::students) {
      slot = Source{"GetActiveStudents", false, swp.active_students()};
    } else if (t == Table::staff) {
      slot = Source{"GetActiveEmpoyees", false, swp.active_employees()};
    } else if (const auto layout = layout_of(settings, t)) {
      slot = Source{"layout " + *layout, false, swp.layout(*layout)};
    }
  }
  return sources;
}

}  // namespace

Sources load_sources(const lobsync::sdk::Host& host, const Settings& settings, std::initializer_list<Table> tables) {
  return settings.mode == Mode::swp ? from_swp(host, settings, tables) : from_files(settings, tables);
}

}  // namespace magister
