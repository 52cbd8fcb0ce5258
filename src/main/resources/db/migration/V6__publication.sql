-- Assignments uploaded from the pages: publication state, validation by grading the solutions, and
-- the log of who changed what. Times are milliseconds since the epoch (UTC).

-- Whether students see an assignment. An assignment directory without a row is published (it was
-- put there before uploads existed, or by hand): only an upload or an instructor's switch adds a row.
CREATE TABLE assignment_publication (
    assignment TEXT PRIMARY KEY,
    published  INTEGER NOT NULL CHECK (published IN (0, 1)),
    -- 1 when the last publish went ahead without a passing validation ("publish anyway")
    forced     INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
    changed_at INTEGER NOT NULL,
    changed_by TEXT NOT NULL
);

-- Append-only: every upload, replacement, publish and unpublish, who did it and when.
CREATE TABLE publication_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('upload', 'replace', 'publish', 'publish_anyway', 'unpublish')),
    actor      TEXT NOT NULL,
    at         INTEGER NOT NULL,
    detail     TEXT
);

CREATE INDEX publication_log_assignment ON publication_log (assignment, id);

-- One validation: the assignment's solution notebooks graded in the sandbox. Never in submissions,
-- so no gradebook, CSV, LTI or student list can count them.
CREATE TABLE validation_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment   TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at INTEGER NOT NULL
);

CREATE INDEX validation_runs_assignment ON validation_runs (assignment, id);

-- Each solution notebook of a run and how it graded (result_json is the same report as a submission's).
CREATE TABLE validation_results (
    run_id      INTEGER NOT NULL REFERENCES validation_runs (id),
    notebook    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded', 'failed')),
    score       REAL,
    max_score   REAL,
    reason      TEXT,
    result_json TEXT,
    started_at  INTEGER,
    finished_at INTEGER,
    PRIMARY KEY (run_id, notebook)
);
