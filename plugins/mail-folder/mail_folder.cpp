// mail-folder: a mailer that delivers each finished message as an .eml file in a folder, for
// the demo and for schools that hand mail to another system by file. The host builds the
// message (MIME, headers, translations); this plugin only stores it.
#include <lobsync/folder_output.hpp>

#include <filesystem>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class MailFolder final : public lobsync::sdk::Plugin {
 public:
  MailFolder(lobsync::sdk::Host&, const json& settings)
      : folder_(lobsync::sdk::ensure_folder(lobsync::sdk::settings::parse(MailFolder::settings(), settings).path("folder"), "mail folder")) {}

  static const lobsync::sdk::settings::Declaration& settings() {
    static const lobsync::sdk::settings::Declaration declaration{{lobsync::sdk::output_folder_setting("where the .eml files go")}};
    return declaration;
  }

  // mail.send {"idempotency_key","message"} → {"stored": file, "duplicate": bool}
  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "mail.send") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    const auto key = request.at("idempotency_key").get<std::string>();
    const auto message = request.at("message").get<std::string>();
    if (key.empty()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "idempotency_key is empty");
    const auto file = folder_ / (lobsync::sdk::safe_file_name(key) + ".eml");
    // The same key means the same message: storing it again would be a duplicate delivery.
    const bool duplicate = std::filesystem::exists(file);
    if (!duplicate) lobsync::sdk::write_file_atomically(file, message);
    out.emit({{"stored", file.string()}, {"duplicate", duplicate}});
  }

  json health() override {
    std::error_code ec;
    const bool ok = std::filesystem::is_directory(folder_, ec);
    return {{"ok", ok}, {"folder", folder_.string()}};
  }

 private:
  std::filesystem::path folder_;
};

}  // namespace

LOBSYNC_PLUGIN(MailFolder, "mail-folder", "1.0.0", "Stores each outgoing message as an .eml file in a folder",
               LOBSYNC_CAP_MAILER)
