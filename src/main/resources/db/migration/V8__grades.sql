-- Grades: per-student extensions, instructors' score overrides and their audit log. Times are
-- milliseconds since the epoch (UTC). Lateness and penalties are not stored: CountedGrades computes
-- them when it reads, from submitted_at, the assignment's late policy and these rows, so an
-- extension granted after the fact changes the penalty of submissions already graded.

-- One extension per student and assignment: a new due date, and optionally a new hard cutoff.
CREATE TABLE extensions (
    username   TEXT NOT NULL,
    assignment TEXT NOT NULL,
    due_at     INTEGER NOT NULL,
    cutoff_at  INTEGER CHECK (cutoff_at IS NULL OR cutoff_at >= due_at),
    reason     TEXT NOT NULL CHECK (length(reason) > 0),
    granted_by TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (username, assignment)
);

-- An instructor's score for a student on an assignment: question '' is the whole score (the final
-- score whatever lateness says), any other question replaces that test's recorded points in every
-- one of the student's gradings of the assignment (the late penalty still applies to the sum).
CREATE TABLE score_overrides (
    username   TEXT NOT NULL,
    assignment TEXT NOT NULL,
    question   TEXT NOT NULL,
    points     REAL NOT NULL CHECK (points >= 0),
    reason     TEXT NOT NULL CHECK (length(reason) > 0),
    set_by     TEXT NOT NULL,
    set_at     INTEGER NOT NULL,
    PRIMARY KEY (username, assignment, question)
);

-- Append-only: every override set or cleared and every extension granted or revoked, with the final
-- score before and after (NULL when the student had no counted grade).
CREATE TABLE grade_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    username   TEXT NOT NULL,
    assignment TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('override_set', 'override_cleared', 'extension_granted',
                                             'extension_revoked')),
    question   TEXT,
    detail     TEXT,
    old_final  REAL,
    new_final  REAL,
    reason     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    changed_at INTEGER NOT NULL
);

CREATE INDEX grade_changes_student ON grade_changes (username, assignment, id);
CREATE TRIGGER grade_changes_no_update BEFORE UPDATE ON grade_changes BEGIN SELECT RAISE(ABORT, 'grade_changes is append-only'); END;
CREATE TRIGGER grade_changes_no_delete BEFORE DELETE ON grade_changes BEGIN SELECT RAISE(ABORT, 'grade_changes is append-only'); END;
