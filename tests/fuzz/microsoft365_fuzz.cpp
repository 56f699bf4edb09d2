// What Microsoft Graph answers the microsoft365 plugin reads: a getSchedule scheduleInformation
// (plugins/microsoft365/schedule_reader.cpp, schedule_documents), Graph's error envelope
// (graph_client.cpp, describe_graph_error), and the MIME headers mail.send reads
// (the SDK's lobsync/mime_headers.hpp, message_id_of and header_block_lower).
//
// Input: the first byte picks the reader (byte % 3: schedule, error body, MIME message); the
// rest is the text as it arrives.
//
// Invariants: nothing throws; busy intervals are UTC instants in the window asked, start before
// end, for the person asked; errors and problems name that person; an error description is at
// most 300 bytes and an ellipsis, without control characters; a Message-ID has no line break.
#include "fuzz_support.hpp"

#include "microsoft365/graph_client.hpp"
#include "microsoft365/schedule_reader.hpp"

#include <lobsync/dates.hpp>
#include <lobsync/mime_headers.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(fuzz::as_text(data + 1, size - 1));
  switch (data[0] % 3) {
    case 0: {
      const auto from = *lobsync::sdk::parse_utc_instant("2026-12-07T00:00:00Z");
      const auto to = *lobsync::sdk::parse_utc_instant("2026-12-12T00:00:00Z");
      const auto doc = nlohmann::json::parse(text, nullptr, false);
      for (const auto& d : microsoft365::schedule_documents(doc, "501", from, to)) {
        fuzz::check_doc(d.is_object() && d.value("person", "") == "501", "a document for someone not asked", d);
        if (d.contains("start")) {
          const auto s = lobsync::sdk::parse_utc_instant(d["start"].get<std::string>());
          const auto e = lobsync::sdk::parse_utc_instant(d["end"].get<std::string>());
          fuzz::check_doc(s && e && *s < *e && *s >= from && *e <= to, "a busy interval outside the window", d);
        } else {
          fuzz::check_doc(d.contains("error") || d.contains("problem"), "a document that is neither", d);
        }
      }
      break;
    }
    case 1: {
      const std::string line = microsoft365::describe_graph_error(text);
      fuzz::check(line.size() <= 303, "an error description too long", line);
      for (unsigned char c : line) fuzz::check(c >= 0x20, "a control character in an error description", line);
      break;
    }
    default: {
      const std::string id = lobsync::sdk::mime::message_id_of(text);
      fuzz::check(id.find_first_of("\r\n") == std::string::npos, "a Message-ID with a line break", id);
      const std::string headers = lobsync::sdk::mime::header_block_lower(text);
      for (unsigned char c : headers) fuzz::check(!(c >= 'A' && c <= 'Z'), "headers not lower-cased", headers);
      break;
    }
  }
  return 0;
}
