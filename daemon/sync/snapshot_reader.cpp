#include "sync/snapshot_reader.h"

#include "sync/engine.h"

#include <lobsync/household.hpp>

namespace lobsync::sync {
namespace {

constexpr std::size_t kBatchSize = 2000;

}  // namespace

SnapshotReader::SnapshotReader(store::RosterStore& store, std::int64_t run_id, std::string_view source)
    : store_(store), run_id_(run_id) {
  for (auto& r : store_.active_hashes(source)) stored_.emplace(key(r.kind, r.source_id), std::move(r.hash));
}

std::string SnapshotReader::key(std::string_view kind, std::string_view id) {
  std::string k(kind);
  k += '\0';
  k += id;
  return k;
}

void SnapshotReader::note(Problem problem) {
  ++problems_total_;
  if (problems_.size() < kMaxKeptProblems) problems_.push_back(std::move(problem));
}

void SnapshotReader::add(std::string_view document) {
  ++records_read_;
  auto result = validate_record(document);
  for (auto& p : result.problems) note(std::move(p));
  if (!result.record) return;
  auto& r = *result.record;
  const auto record_key = key(r.kind, r.source_id);
  if (!seen_.insert(record_key).second) {
    note({r.kind + " " + r.source_id, "source_id", "appears more than once; the later record was left out", "record"});
    return;
  }
  const std::string label = r.kind + " " + r.source_id;
  for (auto& ref : r.references) references_.push_back({label, std::move(ref)});
  // nlohmann's objects are sorted by key, so the same record always dumps the same text.
  std::string payload = r.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Equal payloads give equal fingerprints; it only has to tell "changed" from "same".
  std::string hash = sdk::fnv1a_hex(payload);
  if (const auto stored = stored_.find(record_key); stored != stored_.end() && stored->second == hash) return;
  batch_.push_back({std::move(r.kind), std::move(r.source_id), std::move(payload), std::move(hash)});
  if (batch_.size() >= kBatchSize) flush();
}

void SnapshotReader::flush() {
  if (batch_.empty()) return;
  store_.stage(run_id_, batch_);
  batch_.clear();
}

void SnapshotReader::finish() {
  for (const auto& entry : stored_) {
    const auto& stored_key = entry.first;
    if (seen_.contains(stored_key)) continue;
    const auto split = stored_key.find('\0');
    batch_.push_back(store::StagedRecord::removed(stored_key.substr(0, split), stored_key.substr(split + 1)));
    if (batch_.size() >= kBatchSize) flush();
  }
  stored_.clear();
  flush();
  for (const auto& ref : references_) {
    if (!seen_.contains(key(ref.to.kind, ref.to.source_id))) {
      note({ref.from, ref.to.field, "refers to " + ref.to.kind + " " + ref.to.source_id + ", which is not in the roster",
            "value"});
    }
  }
  references_.clear();
  references_.shrink_to_fit();
}

}  // namespace lobsync::sync
