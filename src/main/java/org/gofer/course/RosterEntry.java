package org.gofer.course;

import org.gofer.hubauth.CourseRole;

/** One roster row: a hub user name and their role in the course. */
public record RosterEntry(String username, CourseRole role) {}
