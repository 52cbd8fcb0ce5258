package org.gofer.publication;

import org.gofer.assignment.AssignmentKey;
import org.gofer.hubauth.Caller;

/**
 * Who may upload, validate, publish and download an assignment's work: the one place that says it,
 * so that per-course staff replaces the service-wide instructor role in one line.
 */
public final class CourseStaff {
    private CourseStaff() {}

    /** True when the caller teaches the assignment's course (today: any instructor). */
    public static boolean mayTeach(Caller caller, AssignmentKey key) {
        return caller.instructor();
    }
}
