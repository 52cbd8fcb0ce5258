-- Leaderboards: the name each student chose to appear under; a student without a row appears
-- unnamed. Times are milliseconds since the epoch (UTC).
CREATE TABLE display_names (
    username     TEXT PRIMARY KEY,
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 32),
    -- the name in the form names are compared in (case and compatibility forms folded, in Java):
    -- "Ada" and "ADA" are one name
    folded       TEXT NOT NULL UNIQUE,
    chosen_at    INTEGER NOT NULL
);
