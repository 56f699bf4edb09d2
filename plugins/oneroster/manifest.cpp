#include "manifest.h"

#include "table.h"

namespace oneroster {

using lobsync::sdk::Error;

std::string Manifest::mode(const std::string& file) const {
  auto it = files.find(file);
  return it == files.end() ? "" : it->second;
}

Manifest read_manifest(Bundle& bundle, lobsync::sdk::SourceEncoding encoding, const std::string& wanted_version,
                       lobsync::sdk::Emitter& out) {
  auto table = Table::open(bundle, "manifest.csv", encoding, {"propertyName", "value"}, out);
  if (!table) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, "manifest.csv is missing: this is not a OneRoster CSV export");
  }
  Manifest manifest;
  std::string declared;
  while (table->next()) {
    const std::string property = table->get("propertyName");
    const std::string value = lobsync::sdk::detail::ascii_lower(table->get("value"));
    if (property == "oneroster.version") declared = value;
    if (!property.starts_with("file.")) continue;
    const std::string file = property.substr(5);
    if (value == "delta") {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, "manifest.csv: " + table->where() + ": " + property +
                                                  " is delta; this plugin reads bulk exports only, export a full (bulk) set");
    }
    if (value != "bulk" && value != "absent") {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, table->where() + ": " + property + " is \"" + value +
                                                  "\"; expected bulk, absent or delta");
    }
    manifest.files[file] = value;
  }
  if (declared.empty() && wanted_version == "auto") {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                "manifest.csv has no oneroster.version; set \"version\" to \"1.1\" or \"1.2\" in the settings");
  }
  if (!declared.empty() && declared != "1.1" && declared != "1.2") {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                "manifest.csv: oneroster.version is \"" + declared + "\"; this plugin reads 1.1 and 1.2");
  }
  if (!declared.empty() && wanted_version != "auto" && declared != wanted_version) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, "manifest.csv: oneroster.version is " + declared +
                                                " but the settings say \"version\": \"" + wanted_version + "\"");
  }
  manifest.version = declared.empty() ? wanted_version : declared;
  return manifest;
}

}  // namespace oneroster
