package org.gofer.pages;

import io.javalin.http.Context;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;
import org.gofer.hubauth.SessionStore;
import org.gofer.web.Callers;

/**
 * Who a page is for and where the service lives: the caller, the prefix, and the session's XSRF
 * token that the page's scripts send with every change. Immutable.
 */
record Viewer(Caller caller, String prefix) {

    static Viewer of(Context ctx, String prefix) {
        return new Viewer(Callers.of(ctx), prefix);
    }

    /** The same viewer, or 403 when the caller is not an instructor. */
    Viewer requireInstructor(String what) {
        if (!caller.instructor()) {
            throw new AccessDeniedException("only instructors may " + what);
        }
        return this;
    }

    /** The same viewer, or 403 unless the caller teaches the course. */
    Viewer requireMayTeach(String course, String what) {
        caller.requireMayTeach(course, what);
        return this;
    }

    /** The same viewer, or 403 unless the caller is a global instructor or staff of some course. */
    Viewer requireStaff(String what) {
        if (!caller.teachesSomeCourse()) {
            throw new AccessDeniedException("only instructors and course staff may " + what);
        }
        return this;
    }

    /** Global instructor or staff of this course. */
    boolean mayTeach(String course) {
        return caller.mayTeach(course);
    }

    /** Global instructor or staff of some course: the gradebook is in the menu. */
    boolean staff() {
        return caller.teachesSomeCourse();
    }

    String name() {
        return caller.name();
    }

    /** A global instructor (the queue and every course). */
    boolean instructor() {
        return caller.instructor();
    }

    /** Empty when the caller sent a token (scripts need no XSRF token). */
    String xsrf() {
        return caller.session().map(SessionStore.Session::xsrf).orElse("");
    }

    /** A path under the pages, e.g. {@code page("gradebook")}. */
    String page(String relative) {
        return prefix + "pages/" + relative;
    }

    String api(String relative) {
        return prefix + "api/" + relative;
    }
}
