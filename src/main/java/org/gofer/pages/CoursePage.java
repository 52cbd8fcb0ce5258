package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.TreeSet;
import org.gofer.assignment.AssignmentKey;
import org.gofer.course.CourseAccess;
import org.gofer.course.RosterStore;

/**
 * A course for its instructors and staff (course.jte): whether it is open to every hub user or
 * restricted to its members and why, its hub groups, and its roster with an upload form that
 * replaces it. Thread-safe.
 */
final class CoursePage {
    private final CourseAccess access;
    private final RosterStore rosters;

    CoursePage(CourseAccess access, RosterStore rosters) {
        this.access = access;
        this.rosters = rosters;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/courses/{course}", ctx -> show(ctx, Viewer.of(ctx, prefix)));
    }

    /** What course.jte shows. */
    record Model(Viewer v, CourseAccess.CourseStatus course) {}

    private void show(Context ctx, Viewer v) {
        String course = AssignmentKey.course(ctx.pathParam("course"));
        v.requireMayTeach(course, "see its roster");
        Layout.send(ctx, "course", new Model(v, access.status(course)));
    }

    /** The status of every course the viewer teaches, among those with assignments or a roster. */
    List<CourseAccess.CourseStatus> taughtBy(Viewer v, List<AssignmentInfo> infos) {
        TreeSet<String> courses = new TreeSet<>(rosters.courses());
        infos.forEach(i -> courses.add(i.key().course()));
        return courses.stream().filter(v::mayTeach).map(access::status).toList();
    }
}
