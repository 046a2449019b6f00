// Schema of the .manyi project file (docs/project-file.md explains each table and the layout
// of responses). Each migration step takes the file from version i to i+1 and is never edited
// once released: a change to the schema is a new step.
#include "storage/schema.h"

#include <string>

#include "storage/sqlite.h"

namespace manyi::storage {

namespace {

// Step 1: the first schema.
constexpr const char* kStep1 = R"SQL(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Questionnaire versions: the definition is the questionnaire JSON (forms/schema); variables is
-- the ordered JSON array of variable names that the packed response values follow.
CREATE TABLE questionnaire (
  id          INTEGER PRIMARY KEY,
  form_key    TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  title_zh    TEXT,
  title_en    TEXT,
  definition  TEXT NOT NULL,
  variables   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (form_key, version)
);

CREATE TABLE wave (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
  starts_on        TEXT,
  ends_on          TEXT
);

-- The sample frame: what analysis may use. Personal data lives in customer_contact only.
CREATE TABLE customer (
  id               INTEGER PRIMARY KEY,
  external_id      TEXT NOT NULL UNIQUE,
  region           TEXT,
  industry         TEXT,
  importance_class TEXT,
  loyalty_class    TEXT,
  value            REAL,
  attributes       TEXT  -- JSON object of further frame columns
);

CREATE TABLE customer_contact (
  customer_id    INTEGER PRIMARY KEY REFERENCES customer(id) ON DELETE CASCADE,
  name           TEXT,
  contact_person TEXT,
  phone          TEXT,
  email          TEXT,
  address        TEXT
);

CREATE TABLE operator (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

-- Fieldwork: mail batches and what happened to each questionnaire sent.
CREATE TABLE mail_batch (
  id               INTEGER PRIMARY KEY,
  wave_id          INTEGER REFERENCES wave(id),
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
  sent_on          TEXT NOT NULL,
  note             TEXT
);

CREATE TABLE mailing (
  batch_id    INTEGER NOT NULL REFERENCES mail_batch(id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  status      TEXT NOT NULL DEFAULT 'sent' CHECK (status = 'sent' OR status = 'returned' OR status = 'undeliverable'),
  status_on   TEXT,
  PRIMARY KEY (batch_id, customer_id)
) WITHOUT ROWID;

-- Fieldwork: telephone call attempts with AAPOR dispositions.
CREATE TABLE call_attempt (
  id          INTEGER PRIMARY KEY,
  wave_id     INTEGER REFERENCES wave(id),
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  operator_id INTEGER REFERENCES operator(id),
  called_at   TEXT NOT NULL,
  disposition TEXT NOT NULL CHECK (disposition = 'complete' OR disposition = 'partial' OR disposition = 'refusal'
               OR disposition = 'break-off' OR disposition = 'no-answer' OR disposition = 'busy'
               OR disposition = 'answering-machine' OR disposition = 'wrong-number' OR disposition = 'ineligible'
               OR disposition = 'appointment'),
  callback_at TEXT,
  note        TEXT
);
CREATE INDEX call_attempt_customer ON call_attempt(customer_id);

-- Every import: the source file, its hash (re-imports are recognised), the mapping and counts.
CREATE TABLE import (
  id             INTEGER PRIMARY KEY,
  file_name      TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  format         TEXT NOT NULL,
  encoding       TEXT,
  mapping        TEXT,
  channel        TEXT,
  rows_read      INTEGER NOT NULL DEFAULT 0,
  rows_imported  INTEGER NOT NULL DEFAULT 0,
  rows_rejected  INTEGER NOT NULL DEFAULT 0,
  imported_at    TEXT NOT NULL,
  undone_at      TEXT
);
CREATE INDEX import_sha256 ON import(sha256);

CREATE TABLE rejected_row (
  import_id  INTEGER NOT NULL REFERENCES import(id) ON DELETE CASCADE,
  source_row INTEGER NOT NULL,
  reasons    TEXT NOT NULL,
  raw        TEXT NOT NULL,
  PRIMARY KEY (import_id, source_row)
) WITHOUT ROWID;

-- CHECKs are written with OR rather than IN (…): SQLite builds a temporary table for IN on every
-- inserted row, which cost 38 % of a bulk import (bench/bench_load, docs/project-file.md).
-- Responses: one row per completed questionnaire. The coded answers are packed into one blob
-- in the order of questionnaire.variables (see response_codec.h and docs/project-file.md for
-- why); free-text answers are in response_text.
CREATE TABLE response (
  id               INTEGER PRIMARY KEY,
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
  wave_id          INTEGER REFERENCES wave(id),
  customer_id      INTEGER REFERENCES customer(id),
  respondent_key   TEXT,
  channel          TEXT NOT NULL CHECK (channel = 'mail' OR channel = 'phone' OR channel = 'online' OR channel = 'face-to-face'),
  operator_id      INTEGER REFERENCES operator(id),
  import_id        INTEGER REFERENCES import(id),
  status           TEXT NOT NULL DEFAULT 'complete' CHECK (status = 'complete' OR status = 'partial'),
  submitted_at     TEXT,
  answers          BLOB NOT NULL
);
CREATE INDEX response_import ON response(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX response_customer ON response(customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE response_text (
  response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
  variable    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (response_id, variable)
) WITHOUT ROWID;

-- Weighting schemes and their weights.
CREATE TABLE weight_scheme (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  method     TEXT NOT NULL,
  spec       TEXT NOT NULL,
  report     TEXT,
  active     INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
);

CREATE TABLE response_weight (
  scheme_id   INTEGER NOT NULL REFERENCES weight_scheme(id) ON DELETE CASCADE,
  response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
  weight      REAL NOT NULL CHECK (weight >= 0),
  PRIMARY KEY (scheme_id, response_id)
) WITHOUT ROWID;

CREATE TABLE analysis_spec (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  spec       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE report_history (
  id          INTEGER PRIMARY KEY,
  template    TEXT NOT NULL,
  language    TEXT NOT NULL,
  output      TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

-- Every edit of an answer or of the frame: who, when, what it was and what it became.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  response_id INTEGER,
  variable    TEXT,
  old_value   TEXT,
  new_value   TEXT,
  detail      TEXT
);
)SQL";

// Step 2: fieldwork records for keyed paper entry (double entry) and telephone interviews.
constexpr const char* kStep2 = R"SQL(
-- One keying of one paper questionnaire: which respondent, pass 1 or 2, who keyed it and how long
-- it took (seconds NULL when not measured). The keyed values are in entry_value, as typed.
CREATE TABLE entry_pass (
  id               INTEGER PRIMARY KEY,
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
  respondent_key   TEXT NOT NULL,
  customer_id      INTEGER REFERENCES customer(id),
  pass             INTEGER NOT NULL CHECK (pass = 1 OR pass = 2),
  operator_id      INTEGER NOT NULL REFERENCES operator(id),
  source           TEXT NOT NULL,
  keyed_at         TEXT NOT NULL,
  seconds          REAL CHECK (seconds IS NULL OR seconds >= 0),
  UNIQUE (questionnaire_id, respondent_key, pass)
);

CREATE TABLE entry_value (
  pass_id  INTEGER NOT NULL REFERENCES entry_pass(id) ON DELETE CASCADE,
  variable TEXT NOT NULL,
  value    TEXT NOT NULL,  -- '' = left blank on the form
  PRIMARY KEY (pass_id, variable)
) WITHOUT ROWID;

-- A variable whose two keyings differ. wrong_pass attributes the error once resolved: 1 or 2, or
-- 3 when both keyings differ from the value on the form; response_id is set when the respondent
-- became a response.
CREATE TABLE entry_discrepancy (
  id               INTEGER PRIMARY KEY,
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
  respondent_key   TEXT NOT NULL,
  variable         TEXT NOT NULL,
  value1           TEXT NOT NULL,
  value2           TEXT NOT NULL,
  resolved_value   TEXT,
  wrong_pass       INTEGER CHECK (wrong_pass IS NULL OR wrong_pass = 1 OR wrong_pass = 2 OR wrong_pass = 3),
  resolved_by      INTEGER REFERENCES operator(id),
  resolved_at      TEXT,
  UNIQUE (questionnaire_id, respondent_key, variable)
);

-- Verified paper questionnaires: the respondent's keyings agree (after resolution) and its
-- response was written.
CREATE TABLE entry_verified (
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
  respondent_key   TEXT NOT NULL,
  response_id      INTEGER NOT NULL REFERENCES response(id),
  verified_at      TEXT NOT NULL,
  PRIMARY KEY (questionnaire_id, respondent_key)
) WITHOUT ROWID;

-- Telephone call lists drawn from the sample frame, with an attempt limit per case.
CREATE TABLE call_list (
  id               INTEGER PRIMARY KEY,
  wave_id          INTEGER REFERENCES wave(id),
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
  created_on       TEXT NOT NULL,
  max_attempts     INTEGER NOT NULL DEFAULT 6 CHECK (max_attempts >= 1),
  note             TEXT
);

CREATE TABLE call_list_member (
  list_id     INTEGER NOT NULL REFERENCES call_list(id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (list_id, customer_id)
) WITHOUT ROWID;

-- A telephone interview in progress or done: its response row (status partial until the last
-- answer) is written answer by answer, so an interrupted interview resumes where it stopped.
CREATE TABLE cati_session (
  id          INTEGER PRIMARY KEY,
  list_id     INTEGER NOT NULL REFERENCES call_list(id),
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  response_id INTEGER NOT NULL UNIQUE REFERENCES response(id),
  operator_id INTEGER REFERENCES operator(id),
  position    TEXT,  -- the variable being asked when the interview stopped
  started_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (list_id, customer_id)
);

ALTER TABLE call_attempt ADD COLUMN list_id INTEGER REFERENCES call_list(id);
)SQL";

// Step 3 (helper "field"; the integrator renumbers if another step 3 lands first): the language
// a mailing batch's forms were printed in (the pages of the discrepancy list follow it), and
// claims on telephone cases so that two interviewers never take the same case.
constexpr const char* kStep3Field = R"SQL(
ALTER TABLE mail_batch ADD COLUMN form_lang TEXT;  -- 'zh' or 'en'; NULL = not recorded

-- The interviewer session holding a case: claim_token is unique per screen, claimed_by the name
-- shown to others; claimed_at is refreshed with every answer and a claim older than the timeout
-- in docs/fieldwork.md has expired.
ALTER TABLE call_list_member ADD COLUMN claim_token TEXT;
ALTER TABLE call_list_member ADD COLUMN claimed_by TEXT;
ALTER TABLE call_list_member ADD COLUMN claimed_at TEXT;
)SQL";

// Step 4: responses by channel and status are counted on every opening (the overview, the status
// bar, the Responses summary); without an index each count reads the whole table, answers and all
// (0.5 s per count at 1M responses), with it a narrow index (about 20 bytes per response).
constexpr const char* kStep4 = R"SQL(
CREATE INDEX response_channel_status ON response(channel, status);
)SQL";

struct Step {
  int version;
  const char* sql;
};

constexpr Step kSteps[] = {
    {1, kStep1},
    {2, kStep2},
    {3, kStep3Field},
    {4, kStep4},
};

}  // namespace

int SchemaVersion() { return kSteps[std::size(kSteps) - 1].version; }

void Migrate(Connection& db, const char* writerVersion) {
  int current = int(db.QueryInt("PRAGMA user_version"));
  for (const Step& step : kSteps) {
    if (step.version <= current) continue;
    Transaction tx(db);
    db.Exec(step.sql);
    db.Exec("PRAGMA user_version = " + std::to_string(step.version));
    Statement st(db, "INSERT INTO meta(key, value) VALUES('schema_written_by', ?1) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.Bind(1, writerVersion).Run();
    tx.Commit();
    current = step.version;
  }
}

}  // namespace manyi::storage
