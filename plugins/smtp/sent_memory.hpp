// Remembers which (idempotency key, recipient) pairs this instance has delivered, so a retried
// mail.send (after LOBSYNC_E_UNAVAILABLE for some recipients) does not deliver twice to those
// already served. Bounded: the oldest pairs are forgotten first. In memory only; across restarts
// the host's outbox is the record (it sends one recipient per item).
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_set>

namespace smtp {

class SentMemory {
 public:
  explicit SentMemory(std::size_t capacity = 10000) : capacity_(capacity) {}

  bool contains(const std::string& key, const std::string& recipient) const {
    return pairs_.contains(pair(key, recipient));
  }

  void add(const std::string& key, const std::string& recipient) {
    auto p = pair(key, recipient);
    if (!pairs_.insert(p).second) return;
    order_.push_back(std::move(p));
    while (order_.size() > capacity_) {
      pairs_.erase(order_.front());
      order_.pop_front();
    }
  }

 private:
  // Addresses cannot contain a line feed (the request check refuses it), so this never collides.
  static std::string pair(const std::string& key, const std::string& recipient) { return key + '\n' + recipient; }

  std::size_t capacity_;
  std::unordered_set<std::string> pairs_;
  std::deque<std::string> order_;
};

}  // namespace smtp
