// The daemon's Prometheus metrics: one thread-safe registry of counter, gauge and summary
// families, rendered in the text exposition format 0.0.4 for GET /metrics.
// Series are keyed by their label set; label order does not matter ({a,b} == {b,a}).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lobsync::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// A summary here has no quantiles, only <name>_sum and <name>_count, which is enough for rates
// and averages and costs nothing per observation.
enum class Type { counter, gauge, summary };

class Registry {
 public:
  // Declares a family once. Calling again with the same type is a no-op; another type throws
  // std::logic_error; a name that is not a valid metric name throws std::invalid_argument.
  void describe(std::string name, std::string help, Type type);

  // Counter: adds `by` (must be >= 0). An undescribed name becomes a counter without help.
  void inc(std::string_view name, const Labels& labels = {}, double by = 1);
  // Gauge: sets the value. An undescribed name becomes a gauge without help.
  void set(std::string_view name, const Labels& labels, double value);
  // Summary: adds one observation to <name>_sum and <name>_count.
  void observe(std::string_view name, const Labels& labels, double value);

  // The current value of a series, 0 when it does not exist. For a summary ask for
  // "<name>_sum" or "<name>_count".
  double value(std::string_view name, const Labels& labels = {}) const;

  std::string render() const;

 private:
  struct Sample {
    double value = 0;  // counter/gauge value, or the summary's sum
    double count = 0;  // summary only
  };
  struct Family {
    std::string help;
    Type type = Type::counter;
    std::map<Labels, Sample> series;  // labels sorted by name
  };

  Family& family_for(std::string_view name, Type type);  // caller holds mutex_

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// The registry every part of the daemon reports into.
Registry& global();

}  // namespace lobsync::metrics
