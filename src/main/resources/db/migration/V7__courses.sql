-- Courses: rosters that instructors upload, one per course. Times are milliseconds since the epoch (UTC).

-- A course with a row here admits only its members (and instructors), unless its course.json says
-- "enrollment": "open". An upload replaces the whole roster; the row says who uploaded it and when.
CREATE TABLE course_rosters (
    course       TEXT PRIMARY KEY,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  INTEGER NOT NULL
);

-- The roster's members: hub user names and their role in the course.
CREATE TABLE course_members (
    course    TEXT NOT NULL REFERENCES course_rosters (course) ON DELETE CASCADE,
    username  TEXT NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('student', 'staff')),
    PRIMARY KEY (course, username)
);

-- "Which courses does this user teach?" on every page: an index walk per user.
CREATE INDEX course_members_user ON course_members (username, role);
