package org.gofer.hubauth;

/** What a user is in one course, besides the global instructor role: enrolled student or staff. */
public enum CourseRole {
    STUDENT,
    STAFF
}
