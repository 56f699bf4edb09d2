// manifest.csv: which OneRoster version the export claims and how each file is delivered.
// Only bulk exports are read: a delta file holds changes against a state this plugin does not
// keep, so applying it as a full snapshot would delete everyone it does not mention.
#pragma once

#include <lobsync/text_encoding.hpp>

#include <map>
#include <string>

namespace oneroster {

class Bundle;

struct Manifest {
  std::string version;                       // "1.1" or "1.2"
  std::map<std::string, std::string> files;  // "users" → "bulk" | "absent"
  // "bulk", "absent", or "" when the manifest does not mention the file.
  std::string mode(const std::string& file) const;
};

// Reads and checks manifest.csv. `wanted_version` is the setting: "auto", "1.1" or "1.2".
// Throws Error(LOBSYNC_E_INVALID_ARGUMENT) for a missing manifest, an unknown or conflicting
// version, and any delta file.
Manifest read_manifest(Bundle& bundle, lobsync::sdk::SourceEncoding encoding, const std::string& wanted_version,
                       lobsync::sdk::Emitter& out);

}  // namespace oneroster
