-- quizscan store schema (SQLite, WAL). One database per course run: every input file,
-- every page, every field reading, every review decision. Append-only where it matters:
-- readings keep what the machine read; people's decisions live in resolutions.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Participants printed per session (the roster the OCR fallback must match).
CREATE TABLE IF NOT EXISTS roster (
  participant TEXT NOT NULL,
  session     TEXT NOT NULL CHECK (session IN ('pre','post')),
  form        TEXT NOT NULL,
  PRIMARY KEY (participant, session)
);

-- One row per input file, known by the SHA-256 of its bytes (re-scanning is a no-op).
CREATE TABLE IF NOT EXISTS inputs (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  path        TEXT NOT NULL,          -- as given on the command line
  name        TEXT NOT NULL,          -- file name shown to people (the API's `source`)
  kind        TEXT NOT NULL,          -- pdf, tiff, png, jpeg, unknown; forms: one Google Forms submission (import-forms)
  page_count  INTEGER,                -- NULL until decoded
  status      TEXT NOT NULL CHECK (status IN ('done','rejected')),
  error       TEXT,                   -- why it was rejected, for people
  scanned_at  TEXT NOT NULL
);

-- One row per page of an input. status says what became of it; nothing is dropped.
CREATE TABLE IF NOT EXISTS pages (
  id           INTEGER PRIMARY KEY,
  input_id     INTEGER NOT NULL REFERENCES inputs(id),
  page_index   INTEGER NOT NULL,      -- 1 for the first page of the file
  sha256       TEXT NOT NULL,         -- of the decoded grey pixels
  status       TEXT NOT NULL CHECK (status IN
                 ('read',             -- identified, registered, fields read
                  'unidentified',     -- no barcode, no roster match: a page_identity review item
                  'unregistered',     -- identified but not placed well enough to read: every field in review
                  'blank',            -- nothing printed on it (listed in the summary)
                  'foreign',          -- not a quizscan page
                  'other_form',       -- a quizscan page of another form/version
                  'rejected')),       -- could not be decoded (or a Google Forms submission superseded by a later one)
  reason       TEXT,                  -- for people, when status is not 'read'
  form         TEXT,
  session      TEXT,
  participant  TEXT,
  sheet_page   INTEGER,               -- 1 front, 2 back
  id_source    TEXT,                  -- 'barcode', 'ocr', 'review', 'forms' (typed on Google Forms), 'written'
                                      -- (a spare sheet's front: its written ID and grid; see spare_pages)
  rotation     INTEGER,               -- degrees clockwise applied to make it upright
  residual_mm  REAL,                  -- registration fit error (RMS over fiducials)
  dpi          REAL,
  preview_png  BLOB,                  -- upright, registered page at ~50 dpi (review context); NULL after purge --images
  UNIQUE (input_id, page_index)
);
CREATE INDEX IF NOT EXISTS pages_sheet ON pages(participant, session, sheet_page);

-- What the machine read for each field of a page. Never updated after insert.
CREATE TABLE IF NOT EXISTS readings (
  id           INTEGER PRIMARY KEY,
  page_id      INTEGER NOT NULL REFERENCES pages(id),
  field        TEXT NOT NULL,         -- q1, q6_int4, no_research
  kind         TEXT NOT NULL CHECK (kind IN ('choice','checkbox','number')),
  value        TEXT NOT NULL,         -- '' for blank; letters for choices ('b', 'ac')
  confidence   REAL NOT NULL,         -- 0..1
  needs_review INTEGER NOT NULL,      -- 1 when a person must confirm it
  measurements TEXT NOT NULL,         -- JSON: per-option fill, per-box digits, flags
  UNIQUE (page_id, field)
);

-- Images shown to people: a field's crop (bubbles row, comb boxes) or a page header.
CREATE TABLE IF NOT EXISTS crops (
  id       INTEGER PRIMARY KEY,
  page_id  INTEGER NOT NULL REFERENCES pages(id),
  name     TEXT NOT NULL,             -- field id, 'header', or 'box:<field>:<i>' (digit box, 90x110)
  png      BLOB NOT NULL,
  UNIQUE (page_id, name)
);

-- Work for a person. kind: choice | number | checkbox | page_identity | sheet_duplicate | sheet_missing | page_answers.
-- value is the current decision (NULL while open); its history is in resolutions.
CREATE TABLE IF NOT EXISTS review_items (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  page_id     INTEGER REFERENCES pages(id),
  field       TEXT,                   -- field id for choice/number/checkbox items
  participant TEXT,
  session     TEXT,
  guess       TEXT,                   -- the machine's best guess ('' = blank; NULL = none, e.g. the NO RESEARCH box: no default)
  reason      TEXT NOT NULL,          -- why it needs a person
  crop_id     INTEGER REFERENCES crops(id),
  options     TEXT,                   -- JSON for choices: [{"value":"a","fill":0.82},...]; for sheet items the candidates;
                                      -- for page_answers the page's fields (store/page_answers.hpp)
  audit       INTEGER NOT NULL DEFAULT 0,  -- 1 = confident reading sampled to measure the error rate
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','resolved')),
  value       TEXT,                   -- current resolved value
  revision    INTEGER NOT NULL DEFAULT 0,  -- bumped on every resolution/undo (two tabs detect races)
  created_at  TEXT NOT NULL,
  UNIQUE (kind, page_id, field)
);

-- Append-only history of people's decisions; an undo is a row too.
CREATE TABLE IF NOT EXISTS resolutions (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES review_items(id),
  action     TEXT NOT NULL CHECK (action IN ('resolve','undo')),
  old_value  TEXT,
  new_value  TEXT,
  at         TEXT NOT NULL,
  via        TEXT NOT NULL            -- 'web', 'csv' (a person); 'merge', 'sheets' (quizscan closing or reopening
                                      -- an item itself as scans and pages come and go: store/reconcile.hpp)
);

-- Spare sheets printed with `print --spare N --db`: their numbers (serials), so that the next
-- printing numbers on and two printings of one session never share a number.
CREATE TABLE IF NOT EXISTS spare_serials (
  serial      INTEGER NOT NULL,
  session     TEXT NOT NULL CHECK (session IN ('pre','post')),
  form        TEXT NOT NULL,
  printed_at  TEXT NOT NULL,
  PRIMARY KEY (serial, session)
);

-- Scanned pages of spare sheets (no printed participant: the attendee wrote the ID on the front).
-- Front and back share the serial; the back takes the front's participant (store/pages.hpp). For a
-- front: its written ID and bubble grid as read, and the ID accepted without a person (NULL: the
-- page went to review, as a page_identity item offering `candidates`).
CREATE TABLE IF NOT EXISTS spare_pages (
  page_id      INTEGER PRIMARY KEY REFERENCES pages(id),
  serial       TEXT NOT NULL,
  session      TEXT NOT NULL,
  sheet_page   INTEGER NOT NULL,      -- 1 front, 2 back
  written      TEXT,                  -- one character a box: digit, '?' unclear, '_' empty
  grid         TEXT,                  -- one character a column: digit, '?' unclear or several marks, '_' none
  accepted     TEXT,                  -- the participant ID accepted (front), NULL when sent to review
  candidates   TEXT,                  -- JSON: nearest roster IDs, best first (the review item's options)
  measurements TEXT                   -- JSON: per box and per column
);
CREATE INDEX IF NOT EXISTS spare_pages_serial ON spare_pages(serial, session);

-- Every form the database has met (scan, print --db, import-forms), recorded the first time:
-- later commands read it from here instead of needing --form again.
CREATE TABLE IF NOT EXISTS forms (
  form         TEXT NOT NULL,         -- the form's id (form: in its YAML)
  version      INTEGER NOT NULL,
  fingerprint  TEXT NOT NULL,         -- over the definition's content (comments and spacing ignored)
  definition   TEXT NOT NULL,         -- the YAML text
  source_path  TEXT NOT NULL,         -- the file it was read from, as given
  recorded_at  TEXT NOT NULL,
  PRIMARY KEY (form, version)
);
