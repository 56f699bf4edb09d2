// What Microsoft Graph answers the microsoft365 plugin reads: a getSchedule scheduleInformation
// (plugins/microsoft365/schedule_reader.cpp, schedule_documents), Graph's error envelope
// (graph_client.cpp, describe_graph_error), the MIME headers mail.send reads (the SDK's
// lobsync/mime_headers.hpp, message_id_of and header_block_lower), the event search, create and
// error answers of the calendar writer (calendar_event.cpp: events_with_uid, event_id_of,
// graph_error_code), and the calendar.put request it turns into a Graph event (read_put_request,
// graph_event).
//
// Input: the first byte picks the reader (byte % 6: schedule, error body, MIME message, event
// search answer, create answer, calendar.put request); the rest is the text as it arrives.
//
// Invariants: nothing throws (a request may be refused with an invalid-argument Error naming a
// field); busy intervals are UTC instants in the window asked, start before end, for the person
// asked; errors and problems name that person; an error description is at most 300 bytes and an
// ellipsis, without control characters; a Message-ID has no line break; event ids found are
// printable, distinct, and only those whose shown uid is exactly the one asked; a next link is a
// URL; an accepted request becomes an event in UTC with start before end, no attendees, and the
// uid property.
#include "fuzz_support.hpp"

#include "microsoft365/calendar_event.hpp"
#include "microsoft365/graph_client.hpp"
#include "microsoft365/schedule_reader.hpp"

#include <lobsync/dates.hpp>
#include <lobsync/mime_headers.hpp>

#include <cctype>
#include <map>

namespace {

std::string text_of(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(fuzz::as_text(data + 1, size - 1));
  switch (data[0] % 6) {
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
    case 3: {
      const auto found = microsoft365::events_with_uid(text, "m-1@school.test");
      if (!found) break;
      for (std::size_t i = 0; i < found->ids.size(); ++i) {
        const auto& id = found->ids[i];
        fuzz::check(!id.empty() && id.size() <= 1024, "an event id empty or too long", id);
        for (unsigned char c : id) fuzz::check(c > 0x20 && c < 0x7f, "an event id that is not printable", id);
        for (std::size_t j = 0; j < i; ++j) fuzz::check(found->ids[j] != id, "an event id twice", id);
      }
      const auto& next = found->next_link;
      fuzz::check(next.empty() || next.starts_with("http"), "a next link that is not a URL", next);
      // An id Graph shows only with another uid (differing in case, say) is never taken.
      const auto doc = nlohmann::json::parse(text, nullptr, false);
      const auto value = doc.is_object() ? doc.find("value") : doc.end();
      if (value == doc.end() || !value->is_array()) break;
      std::map<std::string, bool> shown_right;  // id -> seen once without a wrong uid shown
      for (const auto& item : *value) {
        const std::string id = text_of(item, "id");
        bool wrong = false;
        const auto props = item.is_object() ? item.find("singleValueExtendedProperties") : item.end();
        if (props != item.end() && props->is_array()) {
          for (const auto& p : *props) {
            if (lower(text_of(p, "id")) == lower(microsoft365::kUidProperty) && p.is_object() && p.contains("value")) {
              wrong = text_of(p, "value") != "m-1@school.test";
            }
          }
        }
        shown_right[id] = shown_right[id] || !wrong;
      }
      for (const auto& id : found->ids) fuzz::check(shown_right[id], "an event of another uid taken", text);
      break;
    }
    case 4: {
      const std::string id = microsoft365::event_id_of(text);
      for (unsigned char c : id) fuzz::check(c > 0x20 && c < 0x7f, "a created event id that is not printable", id);
      fuzz::check(microsoft365::graph_error_code(text).size() <= 100, "an error code too long", text);
      break;
    }
    case 5: {
      const auto doc = nlohmann::json::parse(text, nullptr, false);
      microsoft365::PutRequest put;
      try {
        put = microsoft365::read_put_request(doc);
      } catch (const lobsync::sdk::Error& e) {
        fuzz::check(e.status() == LOBSYNC_E_INVALID_ARGUMENT, "a refusal that is not invalid-argument", e.what());
        const std::string_view why = e.what();
        fuzz::check(why.starts_with("/") || why == "the request must be an object", "a refusal that names no field", why);
        break;
      }
      const auto event = microsoft365::graph_event(put, "Deelnemers");
      fuzz::check_doc(!event.contains("attendees"), "an event with attendees (Graph would invite them)", event);
      fuzz::check_doc(event["singleValueExtendedProperties"][0]["value"] == put.uid, "an event without its uid", event);
      fuzz::check_doc(event["body"]["content"].is_string(), "an event without a text body", event);
      if (!put.cancelled) {
        fuzz::check_doc(event["start"]["timeZone"] == "UTC" && event["end"]["timeZone"] == "UTC", "an event not in UTC", event);
        fuzz::check_doc(event["start"]["dateTime"].get<std::string>() < event["end"]["dateTime"].get<std::string>(),
                        "an event that ends before it starts", event);
      }
      fuzz::check(microsoft365::transaction_id(put.uid, put.sequence).size() < 80, "a transactionId too long", put.uid);
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
