// What happens to a conversation record after the mentor wrote it: parents (and adult students)
// sign a version or add their own view, an adult student decides whether the parents may read
// it, and each final version is queued once for the school's dossier sinks.
#pragma once

#include "core/clock.h"
#include "store/meeting_store.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

inline constexpr std::string_view kSigned = "signed";  // SignOff::kind: agreed with this version
inline constexpr std::string_view kView = "view";      // SignOff::kind: the participant's own view (text)

struct SignOff {
  std::string record;
  int version = 0;
  std::string participant;  // roster key of the parent or student
  std::string role;         // "parent" or "student"
  std::string kind;         // kSigned or kView
  std::string text;         // the view; empty for a signature
  Instant at;
};

// An adult student's choice whether the parents may read the record (all its versions).
struct SharingDecision {
  bool shared = false;
  std::string decided_by;  // the student's key
  Instant at;
};

// A version queued for the dossier sinks.
struct DossierQueued {
  std::string record;
  int version = 0;
  std::string reason;  // "signed" or "deadline"
  std::vector<std::string> sinks;
  Instant queued_at;
};

class SignoffStore {
 public:
  virtual ~SignoffStore() = default;

  // A signature is kept once per participant and version: false when this participant had
  // already signed it (nothing changes). A view replaces the participant's earlier view of the
  // same version (true).
  virtual bool add_signoff(const SignOff& signoff) = 0;
  // Every sign-off of the record, all versions, oldest first.
  virtual std::vector<SignOff> signoffs(std::string_view record) = 0;

  virtual void set_sharing(std::string_view record, const SharingDecision& decision) = 0;
  virtual std::optional<SharingDecision> sharing(std::string_view record) = 0;

  // Marks the version queued and enqueues `effects` (one dossier.push per sink), in one
  // transaction; false (and nothing enqueued) when the version was queued before.
  virtual bool queue_for_dossier(const DossierQueued& queued, const std::vector<OutboxEntry>& effects) = 0;
  // The record's queued versions, by version.
  virtual std::vector<DossierQueued> dossier_queued(std::string_view record) = 0;
};

}  // namespace lobsync::store
