-- Pages: what instructors switch per assignment in the browser. Times are milliseconds since the epoch (UTC).

-- Students see hidden tests only as a count until an instructor releases the assignment's hidden
-- results; a missing row means "not released".
CREATE TABLE assignment_releases (
    assignment      TEXT PRIMARY KEY,
    hidden_released INTEGER NOT NULL CHECK (hidden_released IN (0, 1)),
    changed_at      INTEGER NOT NULL,
    changed_by      TEXT NOT NULL
);

-- The queue page lists the latest failures; this keeps it an index walk at any gradebook size.
CREATE INDEX submissions_finished ON submissions (status, finished_at);
