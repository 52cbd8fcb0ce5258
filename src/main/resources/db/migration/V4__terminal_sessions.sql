-- Instructors' debug terminals: who opened a shell on which submission, in which container, when,
-- and why it ended. Times are milliseconds since the epoch (UTC). A row is written when a session
-- starts and completed when it ends; ended_at stays NULL only while the session is open (or for the
-- sessions of a service that died, which the next start closes as 'service_restarted').
CREATE TABLE terminal_sessions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    instructor    TEXT NOT NULL,
    image         TEXT NOT NULL,
    container     TEXT,
    started_at    INTEGER NOT NULL,
    ended_at      INTEGER,
    end_reason    TEXT CHECK (end_reason IN ('shell_exited', 'idle', 'max_duration', 'closed', 'service_stopping',
                                             'service_restarted', 'failed')),
    detail        TEXT
);

CREATE INDEX terminal_sessions_submission ON terminal_sessions (submission_id, id);
