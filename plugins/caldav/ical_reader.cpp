#include "ical_reader.hpp"

#include <lobsync/ascii.hpp>
#include <algorithm>
#include <cctype>

namespace caldav::ical {

namespace {

using lobsync::sdk::ascii_upper;

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
}

// Names appear in problem messages; values never do (they may hold names of people).
std::string shown(std::string_view name) {
  constexpr std::size_t limit = 40;
  return name.size() <= limit ? std::string(name) : std::string(name.substr(0, limit)) + "...";
}

class Reader {
 public:
  Document read(std::string_view text) {
    std::size_t pos = 0;
    std::size_t number = 0;
    while (pos < text.size()) {
      const std::size_t newline = text.find('\n', pos);
      std::string_view line = text.substr(pos, newline == std::string_view::npos ? std::string_view::npos : newline - pos);
      pos = newline == std::string_view::npos ? text.size() : newline + 1;
      ++number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      unfold(line, number);
    }
    flush();
    close_all_at_end();
    if (problem_count_ > kMaxProblems) {
      doc_.problems.push_back("... and " + std::to_string(problem_count_ - kMaxProblems) + " more problems");
    }
    return std::move(doc_);
  }

 private:
  // Joins continuation lines (starting with a space or tab) to the content line they continue.
  void unfold(std::string_view line, std::size_t number) {
    if (line.empty()) {
      flush();  // blank lines are not iCalendar, but harmless between content lines
      return;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (!have_current_) {
        problem(number, "a continuation line without a content line before it");
        return;
      }
      line.remove_prefix(1);
      if (too_long_ || current_.size() + line.size() > kMaxContentLine) {
        too_long_ = true;
        current_.clear();
        current_.shrink_to_fit();
      } else {
        current_.append(line);
      }
      return;
    }
    flush();
    have_current_ = true;
    current_line_ = number;
    too_long_ = line.size() > kMaxContentLine;
    if (!too_long_) current_.assign(line);
  }

  void flush() {
    if (!have_current_) return;
    have_current_ = false;
    if (too_long_) {
      problem(current_line_, "content line longer than " + std::to_string(kMaxContentLine) + " bytes; left out");
    } else {
      content_line(current_, current_line_);
    }
    current_.clear();
    too_long_ = false;
  }

  // name *(";" param) ":" value
  void content_line(std::string_view text, std::size_t number) {
    std::size_t i = 0;
    while (i < text.size() && is_name_char(text[i])) ++i;
    if (i == 0) {
      problem(number, "no property name at the start of the line");
      return;
    }
    Property property;
    property.name = ascii_upper(text.substr(0, i));
    property.line = number;
    while (i < text.size() && text[i] == ';') {
      const std::size_t name_start = ++i;
      while (i < text.size() && is_name_char(text[i])) ++i;
      if (i == name_start || i >= text.size() || text[i] != '=') {
        problem(number, "a malformed parameter in " + shown(property.name));
        return;
      }
      std::string name = ascii_upper(text.substr(name_start, i - name_start));
      ++i;
      std::string value;
      while (true) {
        if (i < text.size() && text[i] == '"') {
          const std::size_t close = text.find('"', i + 1);
          if (close == std::string_view::npos) {
            problem(number, "an unterminated quoted parameter value in " + shown(property.name));
            return;
          }
          value.append(text.substr(i + 1, close - i - 1));
          i = close + 1;
        } else {
          const std::size_t end = std::min(text.find_first_of(",;:", i), text.size());
          value.append(text.substr(i, end - i));
          i = end;
        }
        if (i < text.size() && text[i] == ',') {
          value += ',';
          ++i;
          continue;
        }
        break;
      }
      property.params.emplace_back(std::move(name), std::move(value));
    }
    if (i >= text.size() || text[i] != ':') {
      problem(number, "no ':' before the value of " + shown(property.name));
      return;
    }
    property.value.assign(text.substr(i + 1));
    dispatch(std::move(property));
  }

  void dispatch(Property property) {
    if (property.name == "BEGIN") {
      begin(ascii_upper(property.value), property.line);
    } else if (property.name == "END") {
      end(ascii_upper(property.value), property.line);
    } else if (skip_depth_ > 0) {
      // inside a component nested too deep: already reported
    } else if (stack_.empty()) {
      problem(property.line, shown(property.name) + " outside of any component; left out");
    } else {
      stack_.back().properties.push_back(std::move(property));
    }
  }

  static bool valid_component_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), is_name_char);
  }

  void begin(std::string name, std::size_t number) {
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return;
    }
    if (!valid_component_name(name)) {
      problem(number, "BEGIN without a valid component name; its content is left out");
      skip_depth_ = 1;
      return;
    }
    if (stack_.size() >= kMaxDepth) {
      problem(number, "components nested deeper than " + std::to_string(kMaxDepth) + "; BEGIN:" + shown(name) +
                          " left out with its content");
      skip_depth_ = 1;
      return;
    }
    Component component;
    component.name = std::move(name);
    component.line = number;
    stack_.push_back(std::move(component));
  }

  void end(const std::string& name, std::size_t number) {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return;
    }
    const auto open = std::find_if(stack_.rbegin(), stack_.rend(), [&](const Component& c) { return c.name == name; });
    if (open == stack_.rend()) {
      problem(number, "END:" + shown(name) +
                          (stack_.empty() ? " without a BEGIN" : " does not match BEGIN:" + shown(stack_.back().name) +
                                                                     " (line " + std::to_string(stack_.back().line) + ")"));
      return;
    }
    // Components opened inside the one that ends here were never ended themselves.
    const auto depth = static_cast<std::size_t>(std::distance(stack_.rbegin(), open));
    for (std::size_t k = 0; k < depth; ++k) close_unended();
    close();
  }

  void close() {
    Component done = std::move(stack_.back());
    stack_.pop_back();
    if (stack_.empty()) {
      doc_.components.push_back(std::move(done));
    } else {
      stack_.back().children.push_back(std::move(done));
    }
  }

  // An unended VCALENDAR is only a container: its complete events are kept. Any other unended
  // component may have lost properties (a truncated answer), so it is left out.
  void close_unended() {
    const Component& open = stack_.back();
    const bool keep = open.name == "VCALENDAR";
    problem(open.line, "BEGIN:" + shown(open.name) + " is never ended" + (keep ? "" : "; left out"));
    if (keep) {
      close();
    } else {
      stack_.pop_back();
    }
  }

  void close_all_at_end() {
    while (!stack_.empty()) close_unended();
  }

  void problem(std::size_t line, std::string message) {
    if (problem_count_++ < kMaxProblems) doc_.problems.push_back("line " + std::to_string(line) + ": " + message);
  }

  Document doc_;
  std::vector<Component> stack_;
  std::size_t skip_depth_ = 0;
  std::size_t problem_count_ = 0;
  std::string current_;
  std::size_t current_line_ = 0;
  bool have_current_ = false;
  bool too_long_ = false;
};

}  // namespace

const std::string* Property::param(std::string_view upper_name) const {
  for (const auto& [param_name, param_value] : params) {
    if (param_name == upper_name) return &param_value;
  }
  return nullptr;
}

const Property* Component::property(std::string_view upper_name) const {
  for (const auto& p : properties) {
    if (p.name == upper_name) return &p;
  }
  return nullptr;
}

std::vector<const Property*> Component::all(std::string_view upper_name) const {
  std::vector<const Property*> out;
  for (const auto& p : properties) {
    if (p.name == upper_name) out.push_back(&p);
  }
  return out;
}

Document parse(std::string_view text) { return Reader().read(text); }

std::string unescape_text(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out += value[i];
      continue;
    }
    const char next = value[++i];
    out += next == 'n' || next == 'N' ? '\n' : next;
  }
  return out;
}

}  // namespace caldav::ical
