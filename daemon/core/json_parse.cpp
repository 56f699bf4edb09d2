#include "core/json_parse.h"

#include <vector>

namespace lobsync {
namespace {

using nlohmann::json;

// Follows the parser through objects and arrays, so a failure can name the value being read.
class PathTracker {
 public:
  bool on_event(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: frames_.push_back({false, 0, {}}); break;
      case json::parse_event_t::array_start: frames_.push_back({true, 0, {}}); break;
      case json::parse_event_t::key: frames_.back().key = parsed.get<std::string>(); break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
      case json::parse_event_t::value: element_done(); break;
    }
    return true;
  }

  std::string pointer() const {
    std::string out;
    for (const auto& f : frames_) {
      out += '/';
      if (f.array) {
        out += std::to_string(f.index);
        continue;
      }
      for (const char c : f.key) {  // RFC 6901: '~' and '/' are escaped
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
      }
    }
    return out;
  }

 private:
  struct Frame {
    bool array;
    std::size_t index;  // arrays: the element being read
    std::string key;    // objects: the member being read
  };
  void element_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::vector<Frame> frames_;
};

}  // namespace

JsonParse parse_json(std::string_view text, bool ignore_comments) {
  JsonParse out;
  PathTracker tracker;
  const json::parser_callback_t track = [&tracker](int, json::parse_event_t event, json& parsed) {
    return tracker.on_event(event, parsed);
  };
  try {
    out.value = json::parse(text, track, true, ignore_comments);
    out.ok = true;
  } catch (const json::parse_error& e) {
    out.byte = e.byte;
    std::string what = e.what();
    const auto pos = what.find("syntax error");
    out.message = pos == std::string::npos ? what : what.substr(pos);
  } catch (const json::out_of_range&) {
    // The only out_of_range parsing raises: a number beyond the range of a double (406).
    out.field = tracker.pointer();
    out.message = "the number is too large";
  } catch (const json::exception& e) {
    out.field = tracker.pointer();
    out.message = e.what();
  }
  if (!out.ok) out.value = nullptr;
  return out;
}

}  // namespace lobsync
