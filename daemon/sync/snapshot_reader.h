// Takes a plugin's stream of roster documents and stages what changed in batches: a record whose
// hash equals the active stored one costs a lookup, not a write; at the end every active record
// the stream lacked is staged as a removal. Memory holds ids, hashes and links, not the records
// themselves. Duplicate ids and links to records that are not in the snapshot become problems.
#pragma once

#include "store/roster_store.h"
#include "sync/record_validator.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lobsync::sync {

class SnapshotReader {
 public:
  // Reads the source's active records' hashes to compare the stream with.
  SnapshotReader(store::RosterStore& store, std::int64_t run_id, std::string_view source);

  void add(std::string_view document);
  // Stages the last batch and the removals, and checks the links; call once after the stream
  // ended well.
  void finish();

  std::size_t records_read() const { return records_read_; }
  const std::vector<Problem>& problems() const { return problems_; }
  std::size_t problems_total() const { return problems_total_; }

 private:
  struct PendingReference {
    std::string from;  // "guardian p-9"
    ValidatedRecord::Reference to;
  };

  void note(Problem problem);
  void flush();
  static std::string key(std::string_view kind, std::string_view id);

  store::RosterStore& store_;
  std::int64_t run_id_;
  std::vector<store::StagedRecord> batch_;
  std::unordered_map<std::string, std::string> stored_;  // key → hash of the active record
  std::unordered_set<std::string> seen_;
  std::vector<PendingReference> references_;
  std::vector<Problem> problems_;
  std::size_t problems_total_ = 0;
  std::size_t records_read_ = 0;
};

}  // namespace lobsync::sync
