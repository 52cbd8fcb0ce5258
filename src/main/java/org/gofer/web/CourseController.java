package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.gofer.assignment.AssignmentKey;
import org.gofer.course.CourseAccess;
import org.gofer.course.Roster;
import org.gofer.course.RosterCsv;
import org.gofer.course.RosterEntry;
import org.gofer.course.RosterStore;
import org.gofer.hubauth.Caller;
import org.gofer.hubauth.CourseRole;

/**
 * A course's roster, for its instructors and staff: {@code GET}, {@code PUT} (the CSV as the body,
 * or a multipart upload in field {@code file}; {@code POST} the same, for browsers) and
 * {@code DELETE} {@code {prefix}api/courses/{course}/roster}. An upload replaces the whole roster
 * in one transaction, or changes nothing and answers 400 naming the line.
 */
public final class CourseController implements RouteModule {
    private final RosterStore rosters;
    private final CourseAccess access;

    public CourseController(RosterStore rosters, CourseAccess access) {
        this.rosters = rosters;
        this.access = access;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        String path = prefix + "api/courses/{course}/roster";
        config.routes.get(path, this::show);
        config.routes.put(path, this::upload);
        config.routes.post(path, this::upload);
        config.routes.delete(path, this::delete);
    }

    private String course(Context ctx, String what) {
        String course = AssignmentKey.course(ctx.pathParam("course"));
        Caller caller = AuthGate.caller(ctx);
        caller.requireMayTeach(course, what);
        if (!access.known(course)) {
            throw new NotFoundException("there is no course " + course + " in the tests directory: add its folder "
                    + "(with a course.json or an assignment) before its roster");
        }
        return course;
    }

    private void show(Context ctx) {
        String course = course(ctx, "see its roster");
        ctx.header("Cache-Control", "no-store").json(view(access.status(course)));
    }

    private void upload(Context ctx) {
        String course = course(ctx, "upload its roster");
        List<RosterEntry> members = RosterCsv.parse(body(ctx));
        rosters.replace(course, members, AuthGate.caller(ctx).name());
        ctx.json(view(access.status(course)));
    }

    private void delete(Context ctx) {
        String course = course(ctx, "remove its roster");
        if (!rosters.delete(course)) {
            throw new NotFoundException("course " + course + " has no roster");
        }
        ctx.json(view(access.status(course)));
    }

    /** The CSV, read to one byte past the roster limit so that the parser can say it is too big. */
    private static byte[] body(Context ctx) {
        if (RequestBodies.isMultipart(RequestBodies.mediaType(ctx))) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw new BadRequestException("a multipart upload needs the roster CSV in a field named \"file\"");
            }
            try (InputStream in = file.content()) {
                return in.readNBytes(RosterCsv.MAX_BYTES + 1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the uploaded roster", e);
            }
        }
        try (InputStream in = ctx.req().getInputStream()) {
            return in.readNBytes(RosterCsv.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the roster", e);
        }
    }

    private static RosterView view(CourseAccess.CourseStatus status) {
        Roster roster = status.roster().orElse(null);
        return new RosterView(
                status.course(),
                status.restricted(),
                status.why(),
                status.studentGroup(),
                status.staffGroup(),
                roster == null ? null : roster.uploadedBy(),
                roster == null ? null : roster.uploadedAt(),
                roster == null ? 0 : roster.count(CourseRole.STUDENT),
                roster == null ? 0 : roster.count(CourseRole.STAFF),
                roster == null
                        ? List.of()
                        : roster.members().stream()
                                .map(m ->
                                        new Member(m.username(), m.role().name().toLowerCase(java.util.Locale.ROOT)))
                                .toList());
    }

    /** A course's roster and what it means for the course; {@code uploaded_by/at} are null without a roster. */
    record RosterView(
            String course,
            boolean restricted,
            String why,
            String studentGroup,
            String staffGroup,
            String uploadedBy,
            Instant uploadedAt,
            long students,
            long staff,
            List<Member> members) {}

    record Member(String username, String role) {}
}
