#include "store/sqlite/migrations.h"

#include "core/log.h"
#include "store/store.h"

#include <fmt/format.h>

#include <array>

namespace lobsync::store::sqlite {
namespace {

// Instants are UTC milliseconds since the epoch (the *_ms columns), so ordering and comparing
// them is plain integer work and no time zone ever enters the database.
constexpr std::string_view kJobsAndAudit = R"sql(
CREATE TABLE job_runs (
  id               INTEGER PRIMARY KEY,
  job              TEXT    NOT NULL,
  scheduled_for_ms INTEGER NOT NULL,
  started_at_ms    INTEGER NOT NULL,
  finished_at_ms   INTEGER,
  outcome          TEXT    NOT NULL CHECK (outcome IN ('running', 'ok', 'failed', 'interrupted')),
  detail           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_by_slot ON job_runs (job, scheduled_for_ms);
CREATE INDEX job_runs_by_start ON job_runs (started_at_ms);
CREATE INDEX job_runs_running ON job_runs (outcome) WHERE outcome = 'running';

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at_ms   INTEGER NOT NULL,
  actor   TEXT    NOT NULL,
  action  TEXT    NOT NULL,
  subject TEXT    NOT NULL,
  detail  TEXT    NOT NULL  -- JSON document
);
CREATE INDEX audit_log_by_time ON audit_log (at_ms);
)sql";

// Roster records are kept as the validated JSON document per record (the format of
// plugins/sdk/roster-records.md) plus its hash, so a re-sync compares hashes, not fields.
constexpr std::string_view kRoster = R"sql(
CREATE TABLE sync_runs (
  id             INTEGER PRIMARY KEY,
  source         TEXT    NOT NULL,
  started_at_ms  INTEGER NOT NULL,
  finished_at_ms INTEGER,
  status         TEXT    NOT NULL CHECK (status IN ('running', 'applied', 'held', 'dry-run', 'failed')),
  reason         TEXT    NOT NULL DEFAULT '',
  counts         TEXT    NOT NULL DEFAULT '{}',  -- JSON
  problems       TEXT    NOT NULL DEFAULT '[]'   -- JSON
);
CREATE INDEX sync_runs_by_source ON sync_runs (source, id);

CREATE TABLE roster_staging (
  run_id    INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
  kind      TEXT    NOT NULL,
  source_id TEXT    NOT NULL,
  payload   TEXT    NOT NULL,
  hash      TEXT    NOT NULL,
  PRIMARY KEY (run_id, kind, source_id)
) WITHOUT ROWID;

CREATE TABLE roster_records (
  source        TEXT    NOT NULL,
  kind          TEXT    NOT NULL,
  source_id     TEXT    NOT NULL,
  payload       TEXT    NOT NULL,
  hash          TEXT    NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL,
  removed_ms    INTEGER,
  PRIMARY KEY (source, kind, source_id)
) WITHOUT ROWID;
CREATE INDEX roster_records_active ON roster_records (kind, source) WHERE removed_ms IS NULL;
)sql";

// One row per side effect; `key` makes enqueueing idempotent, `attempts` identifies the claim
// that may report an outcome, `lease_until_ms` lets a crashed worker's items be claimed again.
constexpr std::string_view kOutbox = R"sql(
CREATE TABLE outbox (
  id                 INTEGER PRIMARY KEY,
  key                TEXT    NOT NULL UNIQUE,
  channel            TEXT    NOT NULL,
  operation          TEXT    NOT NULL,
  request            TEXT    NOT NULL,  -- JSON
  state              TEXT    NOT NULL CHECK (state IN ('pending', 'in-flight', 'sent', 'dead')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms INTEGER NOT NULL,
  lease_until_ms     INTEGER,
  last_error         TEXT    NOT NULL DEFAULT '',
  created_at_ms      INTEGER NOT NULL,
  sent_at_ms         INTEGER
);
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at_ms) WHERE state IN ('pending', 'in-flight');
)sql";

// Meetings hold the current version of each conversation; its identity is stable across plans.
constexpr const char* kMeetings = R"sql(
CREATE TABLE meetings (
  id            TEXT    PRIMARY KEY,
  school_year   TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  student       TEXT    NOT NULL,
  mentor        TEXT    NOT NULL,
  household     TEXT    NOT NULL DEFAULT '',
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL CHECK (end_ms > start_ms),
  location      TEXT    NOT NULL DEFAULT '',
  participants  TEXT    NOT NULL,  -- JSON list
  status        TEXT    NOT NULL CHECK (status IN ('planned', 'confirmed', 'cancelled', 'held')),
  sequence      INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX meetings_year ON meetings (school_year);
CREATE INDEX meetings_mentor ON meetings (mentor, start_ms);
CREATE INDEX meetings_student ON meetings (student);
CREATE TABLE plan_runs (
  id             INTEGER PRIMARY KEY,
  started_at_ms  INTEGER NOT NULL,
  finished_at_ms INTEGER NOT NULL,
  dry_run        INTEGER NOT NULL,
  summary        TEXT    NOT NULL
);
CREATE TABLE family_choices (
  student           TEXT    PRIMARY KEY,
  separate_meetings INTEGER NOT NULL DEFAULT 0,
  preferred_from    INTEGER,  -- minutes after local midnight; NULL: no preference
  preferred_to      INTEGER,
  updated_at_ms     INTEGER NOT NULL
);
)sql";

// Keys of signed links (secrets as hex) and the mentors' busy times the last plan run read, which
// the booking pages use to offer other times.
constexpr const char* kLinksAndBusy = R"sql(
CREATE TABLE link_keys (
  id            INTEGER PRIMARY KEY,
  secret        TEXT    NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE busy_times (
  person   TEXT    NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms   INTEGER NOT NULL CHECK (end_ms > start_ms)
);
CREATE INDEX busy_times_by_person ON busy_times (person, start_ms);
)sql";

// Mentors' API tokens (SHA-256 hashes as hex, never the token) and conversation records: one
// record per meeting, every edit a new version, all versions kept.
constexpr const char* kTokensAndRecords = R"sql(
CREATE TABLE api_tokens (
  hash          TEXT    PRIMARY KEY,
  staff         TEXT    NOT NULL,
  created_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER
) WITHOUT ROWID;
CREATE INDEX api_tokens_by_staff ON api_tokens (staff);
CREATE TABLE records (
  id            TEXT    NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  meeting       TEXT    NOT NULL,
  student       TEXT    NOT NULL,
  mentor        TEXT    NOT NULL,
  body          TEXT    NOT NULL,  -- JSON document
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;
CREATE UNIQUE INDEX records_by_meeting ON records (meeting, version);
CREATE INDEX records_by_student ON records (student);
)sql";

// Notice keys the digest sent (or that a sent notice superseded), each with its recipient, the
// local day and the outbox key of the digest that carried it: once sent, never again, and at
// most one digest per recipient and day.
constexpr const char* kSentNotices = R"sql(
CREATE TABLE sent_notices (
  key        TEXT    PRIMARY KEY,
  recipient  TEXT    NOT NULL,
  meeting    TEXT    NOT NULL DEFAULT '',
  day        TEXT    NOT NULL,  -- local day of delivery, YYYY-MM-DD
  digest_key TEXT    NOT NULL,  -- the outbox item that carried it
  sent_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sent_notices_by_day ON sent_notices (recipient, day);
CREATE INDEX sent_notices_by_meeting ON sent_notices (meeting, recipient);
)sql";

// Home assignments: one row per meeting once someone marked its assignment done (the first
// marking's time and person are kept, the answer is replaced), and who responded (the parents'
// call list treats a parent who did as having answered).
constexpr const char* kAssignments = R"sql(
CREATE TABLE assignments (
  meeting        TEXT    PRIMARY KEY,
  template       TEXT    NOT NULL,
  done_at_ms     INTEGER NOT NULL,
  done_by        TEXT    NOT NULL,
  done_by_role   TEXT    NOT NULL CHECK (done_by_role IN ('student', 'parent')),
  answer         TEXT    NOT NULL DEFAULT '',
  answer_by_role TEXT    NOT NULL CHECK (answer_by_role IN ('student', 'parent')),
  updated_at_ms  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE assignment_responses (
  meeting     TEXT    NOT NULL,
  participant TEXT    NOT NULL,
  role        TEXT    NOT NULL,
  at_ms       INTEGER NOT NULL,
  PRIMARY KEY (meeting, participant)
) WITHOUT ROWID;
)sql";

// Sign-off of conversation records: signatures and parents' own views per version, an adult
// student's choice whether the parents may read the record, and the versions queued for the
// dossier sinks.
constexpr const char* kRecordSignoff = R"sql(
CREATE TABLE record_signoffs (
  record      TEXT    NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  participant TEXT    NOT NULL,
  role        TEXT    NOT NULL CHECK (role IN ('parent', 'student')),
  kind        TEXT    NOT NULL CHECK (kind IN ('signed', 'view')),
  text        TEXT    NOT NULL DEFAULT '',
  at_ms       INTEGER NOT NULL,
  PRIMARY KEY (record, version, participant, kind)
) WITHOUT ROWID;
CREATE TABLE record_sharing (
  record     TEXT    PRIMARY KEY,
  shared     INTEGER NOT NULL CHECK (shared IN (0, 1)),
  decided_by TEXT    NOT NULL,
  at_ms      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE dossier_queued (
  record       TEXT    NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  reason       TEXT    NOT NULL CHECK (reason IN ('signed', 'deadline')),
  sinks        TEXT    NOT NULL,  -- JSON list of plugin instances
  queued_at_ms INTEGER NOT NULL,
  PRIMARY KEY (record, version)
) WITHOUT ROWID;
)sql";

// The outbox gets a claim token per claim (attempts now count plugin calls, not claims), the
// start of an item's failing period (it is given up after outbox.retry_hours of failing, not
// after a number of attempts) and a final state for items an administrator discarded. SQLite
// cannot widen a CHECK constraint in place, so the table is rebuilt. Pending items that failed
// before start their failing period at their creation.
constexpr std::string_view kOutboxClaims = R"sql(
CREATE TABLE outbox_v10 (
  id                 INTEGER PRIMARY KEY,
  key                TEXT    NOT NULL UNIQUE,
  channel            TEXT    NOT NULL,
  operation          TEXT    NOT NULL,
  request            TEXT    NOT NULL,  -- JSON
  state              TEXT    NOT NULL CHECK (state IN ('pending', 'in-flight', 'sent', 'dead', 'discarded')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms INTEGER NOT NULL,
  lease_until_ms     INTEGER,
  last_error         TEXT    NOT NULL DEFAULT '',
  created_at_ms      INTEGER NOT NULL,
  sent_at_ms         INTEGER,
  claim_token        INTEGER,
  failing_since_ms   INTEGER
);
INSERT INTO outbox_v10 (id, key, channel, operation, request, state, attempts, next_attempt_at_ms, lease_until_ms,
                        last_error, created_at_ms, sent_at_ms, claim_token, failing_since_ms)
  SELECT id, key, channel, operation, request, state, attempts, next_attempt_at_ms, lease_until_ms, last_error,
         created_at_ms, sent_at_ms, NULL,
         CASE WHEN state IN ('pending', 'in-flight') AND attempts > 0 THEN created_at_ms END
  FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v10 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at_ms) WHERE state IN ('pending', 'in-flight');
CREATE INDEX outbox_by_state ON outbox (state, channel, id);
)sql";

// A number that changes whenever the active roster does, so a cached school model can tell it is
// stale with one small query (store/school_model.h). Bumped by the statements that change roster
// records, in their transaction.
constexpr std::string_view kRosterRevision = R"sql(
CREATE TABLE roster_revision (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO roster_revision (id, value) VALUES (1, 1);
)sql";

// What happened to meetings that have started, as their mentors marked it; one row per mark, so
// a meeting missed once and held later keeps both.
constexpr std::string_view kAttendance = R"sql(
CREATE TABLE attendance (
  meeting    TEXT NOT NULL,
  sequence   INTEGER NOT NULL,
  outcome    TEXT NOT NULL CHECK (outcome IN ('held', 'no_show', 'family_cancelled')),
  marked_by  TEXT NOT NULL,
  at_ms      INTEGER NOT NULL
);
CREATE INDEX attendance_by_meeting ON attendance (meeting);
-- A meeting's status may now be 'missed'; SQLite changes a CHECK only by copying the table.
CREATE TABLE meetings_v12 (
  id            TEXT    PRIMARY KEY,
  school_year   TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  student       TEXT    NOT NULL,
  mentor        TEXT    NOT NULL,
  household     TEXT    NOT NULL DEFAULT '',
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL CHECK (end_ms > start_ms),
  location      TEXT    NOT NULL DEFAULT '',
  participants  TEXT    NOT NULL,  -- JSON list
  status        TEXT    NOT NULL CHECK (status IN ('planned', 'confirmed', 'cancelled', 'held', 'missed')),
  sequence      INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
INSERT INTO meetings_v12 SELECT id, school_year, type, student, mentor, household, start_ms, end_ms, location,
  participants, status, sequence, created_at_ms, updated_at_ms FROM meetings;
DROP TABLE meetings;
ALTER TABLE meetings_v12 RENAME TO meetings;
CREATE INDEX meetings_year ON meetings (school_year);
CREATE INDEX meetings_mentor ON meetings (mentor, start_ms);
CREATE INDEX meetings_student ON meetings (student);
)sql";

// The language a person chose on one of their pages (parents, students, mentors): kept beside
// what the roster source says, which never overrides it. Keyed by the person's roster key; gone
// when the person's roster records are purged.
constexpr std::string_view kLanguageChoices = R"sql(
CREATE TABLE language_choices (
  person       TEXT PRIMARY KEY,
  language     TEXT NOT NULL,
  chosen_at_ms INTEGER NOT NULL
);
)sql";

// A mail's finished message (several KB of MIME, mostly base64 and quoted-printable) is kept in
// a column of its own instead of escaped inside the request's JSON document: writing and reading
// it is then a plain copy, and a plan of a large school no longer spends its time escaping text
// nobody reads as JSON. The request keeps everything else. Items queued before that may still
// be sent (pending, in flight, dead) move their message over here; sent and discarded ones keep
// it in the request until it is forgotten, since rewriting gigabytes of sent mail at an upgrade
// would buy nothing: the reader accepts a message inside the request too.
// The language of an interpreter a family asked for on the booking page ('' none).
constexpr std::string_view kInterpreters = R"sql(
ALTER TABLE meetings ADD COLUMN interpreter TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::string_view kOutboxMessageColumn = R"sql(
ALTER TABLE outbox ADD COLUMN message TEXT;
UPDATE outbox SET message = json_extract(request, '$.message'), request = json_remove(request, '$.message')
  WHERE state IN ('pending', 'in-flight', 'dead') AND json_valid(request) AND json_type(request, '$.message') = 'text';
)sql";

// The student's own report of a conversation: reflection and this phase's career activities,
// one row per version (every edit is kept). Its sign-offs and dossier marks live in
// record_signoffs and dossier_queued under "report:<meeting id>".
constexpr std::string_view kStudentReports = R"sql(
CREATE TABLE student_reports (
  meeting       TEXT    NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  student       TEXT    NOT NULL,
  reflection    TEXT    NOT NULL,
  activities    TEXT    NOT NULL,  -- JSON list of short lines
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (meeting, version)
) WITHOUT ROWID;
CREATE INDEX student_reports_by_student ON student_reports (student);
)sql";

// An adult student's choice whether the parents are invited to a conversation with parents
// (store/adult_choice_store.h). Keyed by the student's roster key, the type and the school
// year; no name, no address. Gone when the student's roster records are purged.
constexpr std::string_view kAdultChoices = R"sql(
CREATE TABLE adult_choices (
  student        TEXT NOT NULL,
  type           TEXT NOT NULL,
  school_year    TEXT NOT NULL,
  asked_at_ms    INTEGER,
  answer         TEXT CHECK (answer IN ('parents', 'alone')),
  answered_at_ms INTEGER,
  PRIMARY KEY (student, type, school_year)
);
)sql";

// A sync run stages only its changes: records to write (new, changed, returning) and removals
// (payload NULL), compared with the active records when it read them. Rows staged before were
// whole snapshots, which cannot be read as changes: they are dropped, so a run held before the
// upgrade says its snapshot is no longer stored and the next sync reads the source again.
// The rows are appended in the order read (a rowid table): keyed by source ids, which are
// random UUIDs in most exports, every batch of a first sync rewrote pages all over the table.
// The sync engine leaves out a second record with the same id before it stages.
constexpr std::string_view kStagedChanges = R"sql(
DROP TABLE roster_staging;
CREATE TABLE roster_staging (
  run_id    INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
  kind      TEXT    NOT NULL,
  source_id TEXT    NOT NULL,
  payload   TEXT,  -- NULL: the record left
  hash      TEXT
);
CREATE INDEX roster_staging_by_run ON roster_staging (run_id);
)sql";

// Items that must reach their receiver in the order they were queued (a meeting's invitation
// and its cancellation to one recipient) share an order group; a channel with several
// connections sends one group's items over one connection, in order. NULL: a group of its own.
constexpr std::string_view kOutboxOrderGroups = R"sql(
ALTER TABLE outbox ADD COLUMN order_group TEXT;
)sql";

constexpr std::array kMigrations{
    Migration{1, "job runs and audit log", kJobsAndAudit},
    Migration{2, "roster records and sync runs", kRoster},
    Migration{3, "outbox", kOutbox},
    Migration{4, "meetings and plan runs", kMeetings},
    Migration{5, "link keys and cached busy times", kLinksAndBusy},
    Migration{6, "api tokens and conversation records", kTokensAndRecords},
    Migration{7, "sent notices of the daily digest", kSentNotices},
    Migration{8, "home assignments", kAssignments},
    Migration{9, "record sign-off, sharing and dossier queue", kRecordSignoff},
    Migration{10, "outbox claim tokens, failing period and discarded items", kOutboxClaims},
    Migration{11, "roster revision", kRosterRevision},
    Migration{12, "attendance of meetings", kAttendance},
    Migration{13, "languages people chose", kLanguageChoices},
    Migration{14, "outbox messages in a column of their own", kOutboxMessageColumn},
    Migration{15, "students' own reports", kStudentReports},
    Migration{16, "adult students' choices whether parents are invited", kAdultChoices},
    Migration{17, "interpreters families asked for", kInterpreters},
    Migration{18, "sync runs stage only their changes", kStagedChanges},
    Migration{19, "outbox order groups", kOutboxOrderGroups},
};

constexpr bool numbered_in_order() {
  for (std::size_t i = 0; i < kMigrations.size(); ++i) {
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  }
  return true;
}
static_assert(numbered_in_order(), "migrations must be numbered 1, 2, 3, ... without gaps");

constexpr std::string_view kCreateBookkeeping = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  applied_at INTEGER NOT NULL  -- UTC milliseconds
);
)sql";

void refuse_if_newer(const Database& db, int version) {
  if (version > latest_schema_version()) {
    throw StoreError(fmt::format(
        "database {} has schema version {}, written by a newer lobsync; this version knows up to {}",
        db.file().string(), version, latest_schema_version()));
  }
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

int current_schema_version(Database& db) {
  Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!query.step()) return 0;
  return static_cast<int>(query.int64(0));
}

void migrate(Database& db, const Clock& clock) {
  db.exec(kCreateBookkeeping);
  // Checked before any work so a newer database is left exactly as it was.
  const int before = current_schema_version(db);
  refuse_if_newer(db, before);
  for (const Migration& migration : kMigrations) {
    if (migration.version <= before) continue;
    // The version is re-read inside the write transaction: another process opening the same
    // file at the same time may have applied this migration a moment ago.
    Transaction transaction(db);
    const int current = current_schema_version(db);
    refuse_if_newer(db, current);
    if (migration.version <= current) continue;
    try {
      db.exec(migration.sql);
    } catch (const StoreError& e) {
      throw StoreError(fmt::format("migration {} ({}) failed: {}", migration.version, migration.name, e.what()));
    }
    {
      Statement record(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
      record.bind(1, std::int64_t{migration.version}).bind(2, unix_ms(clock.now())).run();
    }
    transaction.commit();
    log::info("store: applied migration {} ({})", migration.version, migration.name);
  }
}

}  // namespace lobsync::store::sqlite
