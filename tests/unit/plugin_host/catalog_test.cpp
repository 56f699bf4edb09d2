// Loading real shared objects: the in-tree plugins load, every deliberately broken one is
// refused with the file and the reason, and the good ones keep loading next to the bad ones.
#include "plugin_host/catalog.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace lobsync::plugin_host::catalog_test {
namespace {


const PluginInfo& by_file(const std::vector<PluginInfo>& infos, const std::string& file) {
  auto it = std::find_if(infos.begin(), infos.end(), [&](const PluginInfo& i) { return i.path.filename() == file; });
  if (it == infos.end()) throw std::runtime_error("no plugin file " + file + " was seen");
  return *it;
}

class Refusal : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST(PluginCatalog, LoadsTheInTreePlugins) {
  const auto catalog = PluginCatalog::scan({test::plugin_dir()});
  ASSERT_NE(catalog.find("mail-folder"), nullptr);
  ASSERT_NE(catalog.find("calendar-folder"), nullptr);
  const auto& mail = catalog.find("mail-folder")->info;
  EXPECT_TRUE(mail.loaded);
  EXPECT_EQ(mail.abi, "1.1");
  EXPECT_EQ(mail.capabilities, static_cast<std::uint32_t>(LOBSYNC_CAP_MAILER));
  EXPECT_TRUE(catalog.warnings().empty());
}

TEST_P(Refusal, IsRefusedWithTheReason) {
  const auto [file, reason] = GetParam();
  const auto catalog = PluginCatalog::scan({test::plugin_dir(), test::bad_plugin_dir()});
  const auto infos = catalog.infos();
  const auto& info = by_file(infos, file);
  EXPECT_FALSE(info.loaded);
  EXPECT_NE(info.error.find(reason), std::string::npos) << info.error;
  // One bad plugin does not stop the others.
  EXPECT_NE(catalog.find("mail-folder"), nullptr);
  EXPECT_NE(catalog.find("calendar-folder"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    BrokenPlugins, Refusal,
    ::testing::Values(std::pair{"lobsync-not-elf.so", "not a shared object"},
                      std::pair{"lobsync-no-entry.so", "missing entry symbol lobsync_plugin_entry_v1"},
                      std::pair{"lobsync-abi-major.so", "built for plugin ABI 2.0"},
                      std::pair{"lobsync-abi-minor.so", "newer than this lobsync"},
                      std::pair{"lobsync-zz-duplicate.so", "duplicate plugin name 'mail-folder'"},
                      std::pair{"lobsync-unresolved.so", "undefined symbol: lobsync_symbol_that_exists_nowhere"},
                      std::pair{"lobsync-declines.so", "declined"},
                      std::pair{"lobsync-no-capabilities.so", "no capabilities"},
                      std::pair{"lobsync-no-create.so", "lacks the create hook"},
                      std::pair{"lobsync-bad-name.so", "name is missing or invalid"},
                      std::pair{"lobsync-tiny-struct.so", "too small"}),
    [](const auto& param_info) {
      std::string name = param_info.param.first;
      name = name.substr(8, name.size() - 11);  // "lobsync-<name>.so" -> "<name>"
      for (char& c : name) c = (c == '-') ? '_' : c;
      return name;
    });

TEST(PluginCatalog, ReportsMissingFolderWithoutFailing) {
  test::ScratchDir dir;
  const auto catalog = PluginCatalog::scan({dir / "nope", test::plugin_dir()});
  ASSERT_EQ(catalog.warnings().size(), 1u);
  EXPECT_NE(catalog.warnings()[0].find("nope"), std::string::npos);
  EXPECT_NE(catalog.find("mail-folder"), nullptr);
}

TEST(PluginCatalog, IgnoresFilesThatAreNotNamedAsPlugins) {
  test::ScratchDir dir;
  test::write_file(dir / "README.md", "not a plugin");
  const auto catalog = PluginCatalog::scan({dir.path()});
  EXPECT_TRUE(catalog.infos().empty());
}

TEST(PluginCatalog, JsonHasTheContractFields) {
  const auto catalog = PluginCatalog::scan({test::plugin_dir(), test::bad_plugin_dir()});
  for (const auto& info : catalog.infos()) {
    const auto j = to_json(info);
    for (const char* key : {"name", "version", "abi", "capabilities", "path", "status"}) {
      EXPECT_TRUE(j.contains(key)) << key << " missing for " << info.path;
    }
    EXPECT_TRUE(j["capabilities"].is_array());
    EXPECT_EQ(j.contains("error"), !info.loaded);
  }
}

}  // namespace
}  // namespace lobsync::plugin_host::catalog_test
