// Plugin instances against real modules: streaming results, host services crossing the ABI,
// errors as codes plus messages, and exceptions that never take the host down.
#include "net/http_client.h"
#include "plugin_host/instance.h"
#include "plugin_host/runtime.h"

#include "support/fake_http_server.h"
#include "unit/dossier/dossier_fixture.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include <sys/stat.h>

namespace lobsync::plugin_host::instance_test {
namespace {

using nlohmann::json;

class PluginInstanceTest : public ::testing::Test {
 protected:
  PluginInstanceTest()
      : clock_(instant_from_unix_ms(1'790'000'000'000)),
        services_(clock_, http_),
        catalog_(PluginCatalog::scan({test::env("LOBSYNC_TEST_PLUGIN_DIR"), test::plugin_dir()})) {}

  std::unique_ptr<PluginInstance> make(const std::string& plugin, const json& settings, std::string& error) {
    const auto* loaded = catalog_.find(plugin);
    if (loaded == nullptr) throw std::runtime_error("plugin not loaded: " + plugin);
    return PluginInstance::create(*loaded, "inst-" + plugin, settings, services_, error);
  }

  std::vector<json> call(PluginInstance& instance, const std::string& op, const json& request, CallResult& result) {
    std::vector<json> docs;
    result = instance.call(op, request, [&](std::string_view doc) {
      docs.push_back(json::parse(doc));
      return true;
    });
    return docs;
  }

  ManualClock clock_;
  net::HttpClient http_;
  HostServices services_;
  PluginCatalog catalog_;
};

TEST_F(PluginInstanceTest, StreamsOneDocumentPerEmit) {
  std::string error;
  auto instance = make("test-good", {{"count", 5}}, error);
  ASSERT_TRUE(instance) << error;
  CallResult result;
  auto docs = call(*instance, "roster.read", json::object(), result);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_EQ(docs[4]["source_id"], "4");
}

TEST_F(PluginInstanceTest, HostCanStopAStream) {
  std::string error;
  auto instance = make("test-good", {{"count", 100}}, error);
  ASSERT_TRUE(instance);
  int seen = 0;
  auto result = instance->call("roster.read", json::object(), [&](std::string_view) { return ++seen < 3; });
  EXPECT_EQ(result.status, CallStatus::aborted);
  EXPECT_EQ(seen, 3);
}

TEST_F(PluginInstanceTest, ClockComesFromTheHost) {
  std::string error;
  auto instance = make("test-good", json::object(), error);
  CallResult result;
  auto docs = call(*instance, "mail.send", {{"subject", "x"}}, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(docs.at(0)["now_ms"].get<std::int64_t>(), 1'790'000'000'000);
}

TEST_F(PluginInstanceTest, SecretsResolveFromEnvironment) {
  ::setenv("LOBSYNC_TEST_TOKEN", "s3cr3t-value", 1);
  std::string error;
  auto instance = make("test-good", {{"token", {{"env", "LOBSYNC_TEST_TOKEN"}}}}, error);
  CallResult result;
  auto docs = call(*instance, "busy.read", json::object(), result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(docs.at(0)["secret_length"], 12);
}

TEST_F(PluginInstanceTest, MissingSecretIsAConfigErrorNamingTheVariable) {
  ::unsetenv("LOBSYNC_TEST_MISSING");
  std::string error;
  auto instance = make("test-good", {{"token", {{"env", "LOBSYNC_TEST_MISSING"}}}}, error);
  CallResult result;
  call(*instance, "busy.read", json::object(), result);
  EXPECT_EQ(result.status, CallStatus::config);
  EXPECT_NE(result.error.find("secret"), std::string::npos) << result.error;
}

TEST_F(PluginInstanceTest, AThrowingPluginBecomesAnInternalError) {
  std::string error;
  auto instance = make("test-good", json::object(), error);
  CallResult result;
  call(*instance, "mail.send", {{"throw", true}}, result);
  EXPECT_EQ(result.status, CallStatus::internal);
  EXPECT_EQ(result.error, "plugin bug");
  // And the instance keeps working afterwards.
  call(*instance, "mail.send", {{"subject", "again"}}, result);
  EXPECT_TRUE(result.ok());
}

TEST_F(PluginInstanceTest, AnExceptionThrownStraightThroughTheAbiIsContained) {
  std::string error;
  auto instance = make("test-raw-throw", json::object(), error);
  ASSERT_TRUE(instance) << error;
  CallResult result;
  call(*instance, "mail.send", json::object(), result);
  EXPECT_EQ(result.status, CallStatus::internal);
  EXPECT_NE(result.error.find("threw"), std::string::npos);
}

TEST_F(PluginInstanceTest, CreateFailureCarriesThePluginsMessage) {
  std::string error;
  auto instance = make("test-init-fails", json::object(), error);
  EXPECT_FALSE(instance);
  EXPECT_NE(error.find("cannot reach the configured server"), std::string::npos) << error;
  EXPECT_NE(error.find("configuration error"), std::string::npos) << error;
}

TEST_F(PluginInstanceTest, OperationsOutsideTheCapabilitiesAreRefused) {
  std::string error;
  test::ScratchDir dir;
  auto instance = make("mail-folder", {{"folder", (dir / "mail").string()}}, error);
  ASSERT_TRUE(instance) << error;
  CallResult result;
  call(*instance, "roster.read", json::object(), result);
  EXPECT_EQ(result.status, CallStatus::not_supported);
}

TEST_F(PluginInstanceTest, HttpGoesThroughTheHostClient) {
  test::FakeHttpServer server;
  const std::string url = server.url("/echo?x=1");
  std::string error;
  auto instance = make("test-good", json::object(), error);
  CallResult result;
  auto docs = call(*instance, "calendar.put", {{"url", url}}, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(docs.at(0)["status"], 200);
  EXPECT_NE(docs.at(0)["body"].get<std::string>().find("\"GET\""), std::string::npos);
}

TEST_F(PluginInstanceTest, MailFolderStoresOnceForOneKey) {
  test::ScratchDir dir;
  std::string error;
  auto instance = make("mail-folder", {{"folder", (dir / "mail").string()}}, error);
  ASSERT_TRUE(instance) << error;
  CallResult result;
  const json request{{"idempotency_key", "invite/42/1"}, {"message", "Subject: x\r\n\r\nhallo\r\n"}};
  auto first = call(*instance, "mail.send", request, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_FALSE(first.at(0)["duplicate"].get<bool>());
  auto second = call(*instance, "mail.send", request, result);
  EXPECT_TRUE(second.at(0)["duplicate"].get<bool>());
  const auto stored = first.at(0)["stored"].get<std::string>();
  EXPECT_EQ(std::filesystem::path(stored).parent_path(), dir / "mail");
  EXPECT_EQ(test::read_file(stored), "Subject: x\r\n\r\nhallo\r\n");
}

TEST_F(PluginInstanceTest, CalendarFolderKeepsIdsInsideItsFolder) {
  test::ScratchDir dir;
  std::string error;
  auto instance = make("calendar-folder", {{"folder", (dir / "cal").string()}}, error);
  ASSERT_TRUE(instance) << error;
  CallResult result;
  auto docs = call(*instance, "calendar.put",
                   {{"calendar", "../../etc"}, {"uid", "a/b"}, {"ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}}, result);
  ASSERT_TRUE(result.ok()) << result.error;
  const std::filesystem::path stored = docs.at(0)["stored"].get<std::string>();
  EXPECT_EQ(stored.parent_path().parent_path(), dir / "cal");
  call(*instance, "calendar.put", {{"calendar", "m"}, {"uid", "u"}, {"ics", "not ical"}}, result);
  EXPECT_EQ(result.status, CallStatus::invalid_argument);
  auto removed = call(*instance, "calendar.delete", {{"calendar", "../../etc"}, {"uid", "a/b"}}, result);
  EXPECT_TRUE(removed.at(0)["removed"].get<bool>());
  EXPECT_FALSE(std::filesystem::exists(stored));
}

// The folder plugins write minors' data: 0600 files in 0700 folders, whatever the umask.
TEST_F(PluginInstanceTest, FolderPluginsWritePrivateFilesWhateverTheUmask) {
  namespace fs = std::filesystem;
  test::ScratchDir dir;
  struct UmaskZero {
    mode_t saved = ::umask(0);
    ~UmaskZero() { ::umask(saved); }
  } open_umask;
  std::string error;
  auto mail = make("mail-folder", {{"folder", (dir / "out/mail").string()}}, error);
  ASSERT_TRUE(mail) << error;
  auto calendar = make("calendar-folder", {{"folder", (dir / "out/cal").string()}}, error);
  ASSERT_TRUE(calendar) << error;
  auto dossier = make("dossier-files", {{"folder", (dir / "out/dossier").string()}}, error);
  ASSERT_TRUE(dossier) << error;

  CallResult result;
  const auto sent = call(*mail, "mail.send", {{"idempotency_key", "k1"}, {"message", "Subject: x\r\n\r\nhallo\r\n"}}, result);
  ASSERT_TRUE(result.ok()) << result.error;
  const auto put = call(*calendar, "calendar.put",
                        {{"calendar", "mentor-1"}, {"uid", "u1"}, {"ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}}, result);
  ASSERT_TRUE(result.ok()) << result.error;
  const auto pushed = call(*dossier, "dossier.push", dossier_test::push_request(dossier_test::sample_record()), result);
  ASSERT_TRUE(result.ok()) << result.error;

  const auto mode = [](const fs::path& p) { return fs::status(p).permissions() & fs::perms::all; };
  const auto owner_rw = fs::perms::owner_read | fs::perms::owner_write;
  for (const fs::path& file : {fs::path(sent.at(0)["stored"].get<std::string>()), fs::path(put.at(0)["stored"].get<std::string>()),
                              dir / "out/dossier" / pushed.at(0)["json"].get<std::string>(),
                              dir / "out/dossier" / pushed.at(0)["html"].get<std::string>()}) {
    ASSERT_TRUE(fs::is_regular_file(file)) << file;
    EXPECT_EQ(mode(file), owner_rw) << file;
  }
  for (const char* folder : {"out", "out/mail", "out/cal", "out/cal/mentor-1", "out/dossier", "out/dossier/12345"})
    EXPECT_EQ(mode(dir / folder), fs::perms::owner_all) << folder;
}

TEST_F(PluginInstanceTest, RuntimeStartsGoodInstancesAndReportsFailedOnes) {
  test::ScratchDir dir;
  config::Config config;
  config.plugin_dirs = {test::env("LOBSYNC_TEST_PLUGIN_DIR"), test::plugin_dir()};
  config.plugins = {{"mail", "mail-folder", true, {{"folder", (dir / "m").string()}}, {}},
                    {"broken", "test-init-fails", true, json::object(), {}},
                    {"off", "mail-folder", false, {{"folder", (dir / "o").string()}}, {}},
                    {"ghost", "no-such-plugin", true, json::object(), {}}};
  PluginRuntime runtime(config, services_);
  EXPECT_NE(runtime.instance("mail"), nullptr);
  EXPECT_EQ(runtime.instance("broken"), nullptr);
  EXPECT_EQ(runtime.instance("off"), nullptr);
  EXPECT_EQ(runtime.instances_with(Capability::mailer).size(), 1u);
  EXPECT_FALSE(runtime.all_running());
  ASSERT_EQ(runtime.states().size(), 4u);
  EXPECT_NE(runtime.states()[1].error.find("cannot reach"), std::string::npos);
  EXPECT_NE(runtime.states()[3].error.find("not loaded"), std::string::npos);
}

}  // namespace
}  // namespace lobsync::plugin_host::instance_test
