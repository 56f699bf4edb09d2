#include "core/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lobsync::metrics {
namespace {

bool valid_name(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                        (allow_colon && c == ':');
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// Sorted by label name so that the same label set always finds the same series.
Labels normalized(const Labels& labels) {
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [name, value] : sorted) {
    if (!valid_name(name, false) || name.starts_with("__")) {
      throw std::invalid_argument(fmt::format("invalid metric label name '{}'", name));
    }
  }
  return sorted;
}

std::string escape(std::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);  // shortest round-trip form: "1", "0.25", "1e+21"
}

void render_series(std::string& out, std::string_view name, const Labels& labels, double v) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) out += ',';
      out += labels[i].first;
      out += "=\"";
      out += escape(labels[i].second, true);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += format_value(v);
  out += '\n';
}

const char* type_name(Type type) {
  switch (type) {
    case Type::counter: return "counter";
    case Type::gauge: return "gauge";
    case Type::summary: return "summary";
  }
  return "untyped";
}

}  // namespace

void Registry::describe(std::string name, std::string help, Type type) {
  if (!valid_name(name, true)) {
    throw std::invalid_argument(fmt::format("invalid metric name '{}'", name));
  }
  std::lock_guard lock(mutex_);
  auto [it, inserted] = families_.try_emplace(std::move(name));
  if (inserted) {
    it->second.type = type;
    it->second.help = std::move(help);
    return;
  }
  if (it->second.type != type) {
    throw std::logic_error(fmt::format("metric '{}' is already a {}, not a {}", it->first,
                                       type_name(it->second.type), type_name(type)));
  }
  if (it->second.help.empty()) it->second.help = std::move(help);
}

Registry::Family& Registry::family_for(std::string_view name, Type type) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    if (!valid_name(name, true)) {
      throw std::invalid_argument(fmt::format("invalid metric name '{}'", name));
    }
    it = families_.emplace(std::string(name), Family{}).first;
    it->second.type = type;
  } else if (it->second.type != type) {
    throw std::logic_error(fmt::format("metric '{}' is a {}, not a {}", name,
                                       type_name(it->second.type), type_name(type)));
  }
  return it->second;
}

void Registry::inc(std::string_view name, const Labels& labels, double by) {
  if (!(by >= 0)) {
    throw std::invalid_argument(fmt::format("counter '{}' cannot go down", name));
  }
  auto key = normalized(labels);
  std::lock_guard lock(mutex_);
  family_for(name, Type::counter).series[std::move(key)].value += by;
}

void Registry::set(std::string_view name, const Labels& labels, double value) {
  auto key = normalized(labels);
  std::lock_guard lock(mutex_);
  family_for(name, Type::gauge).series[std::move(key)].value = value;
}

void Registry::observe(std::string_view name, const Labels& labels, double value) {
  auto key = normalized(labels);
  std::lock_guard lock(mutex_);
  auto& sample = family_for(name, Type::summary).series[std::move(key)];
  sample.value += value;
  sample.count += 1;
}

double Registry::value(std::string_view name, const Labels& labels) const {
  const auto key = normalized(labels);
  std::lock_guard lock(mutex_);
  auto lookup = [&](std::string_view family_name) -> const Sample* {
    auto it = families_.find(family_name);
    if (it == families_.end()) return nullptr;
    auto s = it->second.series.find(key);
    return s == it->second.series.end() ? nullptr : &s->second;
  };
  if (const Sample* s = lookup(name)) return s->value;
  for (const std::string_view suffix : {std::string_view("_sum"), std::string_view("_count")}) {
    if (!name.ends_with(suffix)) continue;
    auto base = name.substr(0, name.size() - suffix.size());
    auto it = families_.find(base);
    if (it == families_.end() || it->second.type != Type::summary) continue;
    const Sample* s = lookup(base);
    if (s == nullptr) return 0;
    return suffix == "_sum" ? s->value : s->count;
  }
  return 0;
}

std::string Registry::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) {  // std::map: already sorted by name
    if (!family.help.empty()) {
      out += fmt::format("# HELP {} {}\n", name, escape(family.help, false));
    }
    out += fmt::format("# TYPE {} {}\n", name, type_name(family.type));
    for (const auto& [labels, sample] : family.series) {
      if (family.type == Type::summary) {
        render_series(out, name + "_sum", labels, sample.value);
        render_series(out, name + "_count", labels, sample.count);
      } else {
        render_series(out, name, labels, sample.value);
      }
    }
  }
  return out;
}

Registry& global() {
  static Registry registry;
  return registry;
}

}  // namespace lobsync::metrics
