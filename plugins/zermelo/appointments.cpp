#include "appointments.hpp"

#include <lobsync/ascii.hpp>
#include <lobsync/vendor_answers.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace zermelo {

namespace {

using lobsync::sdk::ascii_lower;
using nlohmann::json;


// The Unix seconds of `field`, or why not. Zermelo sends whole seconds as JSON integers.
std::optional<lobsync::sdk::UtcSeconds> unix_time(const json& a, const char* field, std::string& why) {
  const auto v = a.find(field);
  if (v == a.end() || v->is_null()) {
    why = std::string(field) + " is missing";
    return std::nullopt;
  }
  if (!v->is_number_integer()) {
    why = std::string(field) + " is not a Unix time in seconds";
    return std::nullopt;
  }
  // Read unsigned values as such: one beyond the range of long long must not wrap into it.
  long long seconds = kLatestUnix;
  if (!v->is_number_unsigned()) {
    seconds = v->get<long long>();
  } else if (v->get<unsigned long long>() < static_cast<unsigned long long>(kLatestUnix)) {
    seconds = static_cast<long long>(v->get<unsigned long long>());
  }
  if (seconds < kEarliestUnix || seconds >= kLatestUnix) {
    why = std::string(field) + " is out of range (" + v->dump() + ")";
    return std::nullopt;
  }
  return lobsync::sdk::UtcSeconds(std::chrono::seconds(seconds));
}

// A boolean flag; absent means the server's filter already applied (valid=true, cancelled=false).
std::optional<bool> flag(const json& a, const char* field, bool absent, std::string& why) {
  const auto v = a.find(field);
  if (v == a.end() || v->is_null()) return absent;
  if (!v->is_boolean()) {
    why = std::string(field) + " is not true or false";
    return std::nullopt;
  }
  return v->get<bool>();
}

std::string name_of(const json& a, std::size_t index) {
  const auto id = a.find("id");
  if (id != a.end() && id->is_number_integer()) return "appointment " + id->dump();
  return "appointment #" + std::to_string(index);
}

}  // namespace

std::string envelope_message(std::string_view body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object() || !doc.contains("response") || !doc["response"].is_object()) return {};
  const json& r = doc["response"];
  std::string out;
  if (r.contains("message") && r["message"].is_string()) out = r["message"].get<std::string>();
  if (r.contains("details") && r["details"].is_string() && !r["details"].get<std::string>().empty()) {
    out += (out.empty() ? "" : " - ") + r["details"].get<std::string>();
  }
  return lobsync::sdk::quote_vendor_text(std::move(out), 200);  // vendor text in messages stays short
}

Answer read_appointments(std::string_view body, const std::vector<std::string>& free_types) {
  Answer out;
  const json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    out.error = "the answer is not JSON (" + std::to_string(body.size()) + " bytes)";
    return out;
  }
  if (!doc.is_object() || !doc.contains("response") || !doc["response"].is_object()) {
    out.error = "the answer is not Zermelo's envelope {\"response\":{…}}";
    return out;
  }
  const json& response = doc["response"];
  if (const auto status = response.find("status"); status != response.end() && status->is_number_integer() &&
                                                   status->get<long long>() != 200) {
    out.error = "the envelope says status " + status->dump();
    if (const auto m = envelope_message(body); !m.empty()) out.error += ": " + m;
    return out;
  }
  const auto data = response.find("data");
  if (data == response.end() || !data->is_array()) {
    out.error = "response.data is not a list";
    return out;
  }
  // Rows the server left out would be lessons nobody sees: a cut-off answer is no answer.
  if (const auto total = response.find("totalRows"); total != response.end() && total->is_number_integer() &&
                                                    total->get<long long>() > static_cast<long long>(data->size())) {
    out.error = "the answer holds " + std::to_string(data->size()) + " of " + total->dump() +
                " appointments (cut off); lower days_per_request";
    return out;
  }
  for (std::size_t i = 0; i < data->size(); ++i) {
    const json& a = (*data)[i];
    if (!a.is_object()) {
      out.problems.push_back("appointment #" + std::to_string(i) + ": not an object; skipped");
      continue;
    }
    const std::string name = name_of(a, i);
    std::string why;
    const auto valid = flag(a, "valid", true, why);
    const auto cancelled = valid ? flag(a, "cancelled", false, why) : std::nullopt;
    if (!valid || !cancelled) {
      out.problems.push_back(name + ": " + why + "; skipped");
      continue;
    }
    // An older version of a changed appointment, or one that does not take place.
    if (!*valid || *cancelled) continue;
    if (const auto type = a.find("type"); type != a.end() && type->is_string()) {
      const std::string t = ascii_lower(type->get<std::string>());
      if (std::find(free_types.begin(), free_types.end(), t) != free_types.end()) continue;
    }
    const auto start = unix_time(a, "start", why);
    const auto end = start ? unix_time(a, "end", why) : std::nullopt;
    if (!start || !end) {
      out.problems.push_back(name + ": " + why + "; skipped");
      continue;
    }
    if (*end <= *start) {
      out.problems.push_back(name + ": end is not after start; skipped");
      continue;
    }
    Appointment appointment{*start, *end, std::nullopt};
    if (const auto teachers = a.find("teachers"); teachers != a.end() && teachers->is_array()) {
      appointment.teachers.emplace();
      for (const json& t : *teachers) {
        if (t.is_string()) appointment.teachers->push_back(ascii_lower(t.get<std::string>()));
      }
    }
    out.busy.push_back(std::move(appointment));
  }
  return out;
}

}  // namespace zermelo
