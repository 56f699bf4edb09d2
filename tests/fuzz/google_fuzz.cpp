// What Google answers the google plugin reads, and what it derives from the host's requests: a
// freeBusy calendar (plugins/google/free_busy_reader.cpp, free_busy_documents), Google's error
// envelope (google_client.cpp, parse_google_error / describe_google_error), the Gmail answers
// (mail_sender.cpp, sent_message_id / lists_a_message), the event id made from a uid
// (event_writer.cpp, event_id_for) and the event resource made from a calendar.put's `event`
// (event_resource).
//
// Input: the first byte picks the reader (byte % 5); the rest is the text as it arrives.
//
// Invariants: nothing throws but sdk::Error with LOBSYNC_E_INVALID_ARGUMENT (event_resource);
// busy intervals are UTC instants in the window asked, start before end, for the person asked;
// errors and problems name that person; vendor text is at most 303 bytes, valid UTF-8, without
// control characters; an event id is 5-1024 characters of a-v and 0-9 (empty only for a uid
// over 600 bytes or an empty one) and decodes back to the uid (so two uids never share one); an event resource
// carries the id, status confirmed and the start and end it was given.
#include "fuzz_support.hpp"

#include "google/event_writer.hpp"
#include "google/free_busy_reader.hpp"
#include "google/google_client.hpp"
#include "google/mail_sender.hpp"

#include <lobsync/dates.hpp>

namespace {

void check_vendor_text(const std::string& text) {
  fuzz::check(text.size() <= 303, "vendor text too long", text);
  fuzz::check(fuzz::valid_utf8(text), "vendor text not valid UTF-8", text);
  for (unsigned char c : text) fuzz::check(c >= 0x20, "a control character in vendor text", text);
}

std::string base32hex_decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const unsigned value = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(c - 'a' + 10);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(fuzz::as_text(data + 1, size - 1));
  switch (data[0] % 5) {
    case 0: {
      const auto from = *lobsync::sdk::parse_utc_instant("2026-12-07T00:00:00Z");
      const auto to = *lobsync::sdk::parse_utc_instant("2026-12-12T00:00:00Z");
      const auto doc = nlohmann::json::parse(text, nullptr, false);
      for (const auto& d : google::free_busy_documents(doc, "501", from, to)) {
        fuzz::check_doc(d.is_object() && d.value("person", "") == "501", "a document for someone not asked", d);
        if (d.contains("start")) {
          const auto s = lobsync::sdk::parse_utc_instant(d["start"].get<std::string>());
          const auto e = lobsync::sdk::parse_utc_instant(d["end"].get<std::string>());
          fuzz::check_doc(s && e && *s < *e && *s >= from && *e <= to, "a busy interval outside the window", d);
        } else if (d.contains("error")) {
          fuzz::check_doc(fuzz::valid_utf8(d["error"].get<std::string>()), "an error that is not UTF-8", d);
        } else {
          fuzz::check_doc(d.contains("problem"), "a document that is neither", d);
        }
      }
      break;
    }
    case 1: {
      check_vendor_text(google::describe_google_error(text));
      const auto e = google::parse_google_error(text);
      check_vendor_text(e.reason);
      check_vendor_text(e.message);
      check_vendor_text(e.status);
      fuzz::check(e.code == 0 || (e.code >= 100 && e.code <= 599), "an HTTP status out of range");
      break;
    }
    case 2: {
      check_vendor_text(google::sent_message_id(text));
      (void)google::lists_a_message(text);
      break;
    }
    case 3: {
      const std::string id = google::event_id_for(text);
      if (text.empty() || text.size() > 600) {
        fuzz::check(id.empty(), "an id for an empty uid or one too long", text);
        break;
      }
      fuzz::check(id.size() >= 5 && id.size() <= 1024, "an event id of a length Google refuses", id);
      fuzz::check(id.find_first_not_of("0123456789abcdefghijklmnopqrstuv") == std::string::npos,
                  "an event id with a character Google refuses", id);
      fuzz::check(id.starts_with("lob") && base32hex_decode(std::string_view(id).substr(3)) == text,
                  "an event id that does not decode to its uid", id);
      break;
    }
    default: {
      const auto doc = nlohmann::json::parse(text, nullptr, false);
      try {
        const auto event = google::event_resource(doc, "lob00000", "mentor.a@school.test");
        fuzz::check_doc(event["id"] == "lob00000" && event["status"] == "confirmed", "an event without its id", event);
        fuzz::check_doc(event["start"]["dateTime"] == doc["start"] && event["end"]["dateTime"] == doc["end"],
                        "an event at another time than asked", event);
        fuzz::check_doc(lobsync::sdk::parse_utc_instant(doc["start"].get<std::string>()) <
                            lobsync::sdk::parse_utc_instant(doc["end"].get<std::string>()),
                        "an event that ends before it starts", event);
      } catch (const lobsync::sdk::Error& e) {
        fuzz::check(e.status() == LOBSYNC_E_INVALID_ARGUMENT, "another error than invalid argument", e.what());
      }
      break;
    }
  }
  return 0;
}
