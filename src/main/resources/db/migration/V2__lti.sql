-- LTI: launches, the passback outbox and its audit log. Times are milliseconds since the epoch (UTC).

-- Nonces of accepted launches, single use per consumer key. Kept for twice the timestamp window,
-- after which a replay fails the timestamp check instead.
CREATE TABLE lti_nonces (
    consumer_key TEXT NOT NULL,
    nonce        TEXT NOT NULL,
    seen_at      INTEGER NOT NULL,
    PRIMARY KEY (consumer_key, nonce)
);

CREATE INDEX lti_nonces_seen ON lti_nonces (seen_at);

-- The latest launch per (consumer key, resource link, LMS user): which hub user and assignment it
-- belongs to and where that student's grade goes. outcome_url and sourcedid are NULL when the
-- link does not accept grades.
CREATE TABLE lti_bindings (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer_key     TEXT NOT NULL,
    resource_link_id TEXT NOT NULL,
    lms_user_id      TEXT NOT NULL,
    username         TEXT NOT NULL,
    assignment       TEXT NOT NULL,
    outcome_url      TEXT,
    sourcedid        TEXT,
    roles            TEXT,
    first_launch_at  INTEGER NOT NULL,
    last_launch_at   INTEGER NOT NULL,
    launches         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (consumer_key, resource_link_id, lms_user_id)
);

CREATE INDEX lti_bindings_student ON lti_bindings (username, assignment);

-- Outbox: one row per score to deliver to one target. A target is (protocol, consumer_key,
-- endpoint_url, recipient_id): for LTI 1.1 the outcome service URL and lis_result_sourcedid, for
-- LTI 1.3 AGS it would be the line item URL and the platform's user id. A newer row for the same
-- target supersedes a pending older one, so the LMS ends with the latest value.
CREATE TABLE lti_passbacks (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    protocol        TEXT NOT NULL,
    consumer_key    TEXT NOT NULL,
    endpoint_url    TEXT NOT NULL,
    recipient_id    TEXT NOT NULL,
    username        TEXT NOT NULL,
    assignment      TEXT NOT NULL,
    submission_id   INTEGER,
    origin          TEXT NOT NULL CHECK (origin IN ('launch', 'assignment', 'resend')),
    score           TEXT,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'superseded')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    delivered_at    INTEGER,
    superseded_by   INTEGER REFERENCES lti_passbacks (id),
    last_http       INTEGER,
    last_code_major TEXT,
    last_error      TEXT
);

CREATE INDEX lti_passbacks_due ON lti_passbacks (status, next_attempt_at, id);
CREATE INDEX lti_passbacks_target ON lti_passbacks (protocol, consumer_key, endpoint_url, recipient_id, id);
CREATE INDEX lti_passbacks_student ON lti_passbacks (username, assignment, id);

-- Append-only audit log: every delivery attempt and what the LMS said.
CREATE TABLE lti_passback_attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    passback_id  INTEGER NOT NULL REFERENCES lti_passbacks (id),
    attempt      INTEGER NOT NULL,
    attempted_at INTEGER NOT NULL,
    message_id   TEXT,
    body_sha1    TEXT,
    http_status  INTEGER,
    code_major   TEXT,
    description  TEXT,
    outcome      TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'permanent')),
    latency_ms   INTEGER NOT NULL
);

CREATE INDEX lti_passback_attempts_passback ON lti_passback_attempts (passback_id, id);
