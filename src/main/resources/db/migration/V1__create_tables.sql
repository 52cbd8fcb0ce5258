-- Times are milliseconds since the epoch (UTC).

-- A raw notebook as received, stored once under its SHA-256 in $GOFER_DATA_DIR/notebooks/.
CREATE TABLE notebooks (
    sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size_bytes  INTEGER NOT NULL,
    stored_at   INTEGER NOT NULL
);

-- One row per accepted submission; the row and its notebook are written before the 202.
CREATE TABLE submissions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT NOT NULL,
    assignment      TEXT NOT NULL,
    notebook_sha256 TEXT NOT NULL REFERENCES notebooks (sha256),
    source          TEXT NOT NULL DEFAULT 'api',
    submitted_at    INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded', 'failed')),
    -- queue bookkeeping: a job is claimable when queued and not_before has passed, or when its
    -- lease ran out (the worker holding it died)
    not_before      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_owner     TEXT,
    lease_until     INTEGER,
    last_error      TEXT,
    -- the recorded grade (graded: scores; failed: score 0 and a reason)
    started_at      INTEGER,
    finished_at     INTEGER,
    score           REAL,
    max_score       REAL,
    reason          TEXT,
    suspicious      INTEGER NOT NULL DEFAULT 0,
    result_json     TEXT,
    -- how many times a grade was recorded: 1 after grading, +1 per instructor regrade; a crash
    -- never adds one (tests assert it)
    recorded_count  INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX submissions_queue ON submissions (status, not_before, id);
CREATE INDEX submissions_student ON submissions (username, assignment, id);
CREATE INDEX submissions_assignment ON submissions (assignment, id);

-- Per-question scores of a recorded grade.
CREATE TABLE test_scores (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    score         REAL NOT NULL,
    max_score     REAL NOT NULL,
    hidden        INTEGER NOT NULL,
    passed        INTEGER NOT NULL,
    message       TEXT,
    PRIMARY KEY (submission_id, position)
);
