#include "selfservice/record_submit.h"

#include "app/services.h"
#include "core/log.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace lobsync::selfservice {
namespace {

std::string new_record_id() {
  std::array<unsigned char, 12> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("cannot create a record id: the system has no random bytes to give");
  std::string hex;
  static constexpr char kDigits[] = "0123456789abcdef";
  for (const unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return "rec-" + hex;
}

}  // namespace

store::RecordWritten store_record(app::Services& s, const domain::Meeting& meeting, std::string_view actor,
                                  const nlohmann::json& body) {
  auto& store = s.store();
  const auto now = s.clock().now();
  const auto written = store.records().add_record_version(meeting.id, new_record_id(), body, now);
  store.audit(actor, "record.submit", "meeting:" + meeting.id, {{"record", written.id}, {"version", written.version}}, now);
  log::info("records: {} version {} stored for meeting {}", written.id, written.version, meeting.id);
  return written;
}

}  // namespace lobsync::selfservice
