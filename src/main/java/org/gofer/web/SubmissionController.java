package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentConfigException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.gofer.assignment.UnknownAssignmentException;
import org.gofer.gradebook.Gradebook;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.gradebook.SubmissionWindow;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;
import org.gofer.publication.Publications;
import org.gofer.submission.NotebookParser;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;

/**
 * Submitting a notebook and reading submissions back. Translates HTTP only: the parser checks
 * the notebook, the caller's course access the course, the catalog the assignment, the store keeps
 * it within the assignment's submission limits (course staff have none). Nothing is stored unless every
 * check passed.
 */
public final class SubmissionController implements RouteModule {
    static final int MAX_PAGE = 500;
    private static final int DEFAULT_PAGE = 50;

    private final ReleaseFlags releases;
    private final NotebookParser parser;
    private final AssignmentCatalog catalog;
    private final SubmissionStore store;
    private final Gradebook gradebook;
    private final long maxBodyBytes;
    private final Publications publications;
    private final SubmissionWindow window;

    /**
     * @param publications which assignments are drafts (refused like unknown ones, for students)
     * @param window refuses students' submissions before an assignment opens and after its cutoff
     */
    public SubmissionController(
            NotebookParser parser,
            AssignmentCatalog catalog,
            SubmissionStore store,
            Gradebook gradebook,
            ReleaseFlags releases,
            Publications publications,
            SubmissionWindow window,
            long maxBodyBytes) {
        this.publications = publications;
        this.window = window;
        this.releases = releases;
        this.parser = parser;
        this.catalog = catalog;
        this.store = store;
        this.gradebook = gradebook;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.post(prefix, ctx -> submit(ctx, prefix));
        config.routes.post(prefix + "submit", ctx -> submit(ctx, prefix));
        config.routes.get(prefix + "api/submissions", ctx -> list(ctx, prefix));
        config.routes.get(prefix + "api/submissions/{id}", ctx -> show(ctx, prefix));
    }

    private void submit(Context ctx, String prefix) {
        Caller caller = AuthGate.caller(ctx);
        String type = RequestBodies.mediaType(ctx);
        byte[] body;
        String source;
        if (RequestBodies.isMultipart(type)) {
            body = uploadedNotebook(ctx);
            source = "upload";
        } else if (RequestBodies.isJson(type)) {
            body = RequestBodies.read(ctx, maxBodyBytes);
            source = "api";
        } else {
            throw new UnsupportedMediaTypeException("cannot read a body of type '"
                    + (type.isEmpty() ? "(none)" : type) + "': send the notebook as application/json "
                    + "(or application/x-ipynb+json), {\"nb\": <notebook>} as application/json, "
                    + "or a multipart/form-data upload in a field named \"file\"");
        }
        NotebookParser.Parsed parsed = parser.parse(body);
        // Before the catalog: a course that is closed to the caller does not say which assignments it has.
        caller.requireMayTake(parsed.key().course());
        // A draft is refused exactly like an assignment that does not exist: students cannot tell.
        if (!catalog.exists(parsed.key())
                || (!caller.mayTeach(parsed.key().course()) && !publications.visibleToStudents(parsed.key()))) {
            throw new UnknownAssignmentException(parsed.key());
        }
        boolean teaches = caller.mayTeach(parsed.key().course());
        if (!teaches) {
            window.check(caller.name(), parsed.key());
        }
        Assignment.Attempts limits = teaches ? Assignment.Attempts.none() : limitsOf(parsed.key());
        Submission s = store.accept(caller.name(), parsed.key(), parsed.notebook(), source, limits);
        ctx.status(202)
                .json(new SubmissionViews.Accepted(
                        s.id(),
                        s.status().wireName(),
                        s.assignment(),
                        "received submission " + s.id() + " for " + s.assignment() + "; it is queued for grading",
                        SubmissionViews.SelfLink.of(s.id(), prefix)));
    }

    /**
     * The assignment's submission limits. When its assignment.json cannot be read the submission is
     * still taken, without limits, as before limits existed: its grading reports the broken file.
     */
    private Assignment.Attempts limitsOf(AssignmentKey key) {
        try {
            return catalog.settings(key).attempts();
        } catch (AssignmentConfigException e) {
            return Assignment.Attempts.none();
        }
    }

    private byte[] uploadedNotebook(Context ctx) {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
            throw new BadRequestException("a multipart upload needs the notebook in a field named \"file\"");
        }
        if (file.size() > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        try (InputStream in = file.content()) {
            return RequestBodies.readBounded(in, maxBodyBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }

    private void show(Context ctx, String prefix) {
        Caller caller = AuthGate.caller(ctx);
        long id = parseId(ctx.pathParam("id"));
        Submission s = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
        caller.requireMaySeeSubmission(id, s.username(), s.course());
        boolean teaches = caller.mayTeach(s.course());
        boolean hiddenVisible = teaches || releases.released(s.assignment());
        ctx.header("Cache-Control", "no-store")
                .json(SubmissionViews.detail(
                        s, gradebook.testScores(id), gradebook.report(id), teaches, hiddenVisible, prefix));
    }

    /**
     * Students list their own submissions; global instructors everyone's; a course's staff
     * everyone's within their course, named by {@code course} or {@code assignment}.
     */
    private void list(Context ctx, String prefix) {
        Caller caller = AuthGate.caller(ctx);
        Optional<String> user = Optional.ofNullable(ctx.queryParam("user")).filter(u -> !u.isBlank());
        Optional<String> assignment =
                Optional.ofNullable(ctx.queryParam("assignment")).filter(a -> !a.isBlank());
        Optional<String> course = Optional.ofNullable(ctx.queryParam("course"))
                .filter(c -> !c.isBlank())
                .map(AssignmentKey::course);
        boolean teaches = caller.instructor()
                || course.or(() -> assignment.flatMap(SubmissionController::courseOf))
                        .map(caller::mayTeach)
                        .orElse(false);
        if (!teaches) {
            if (user.isPresent() && !user.get().equals(caller.name())) {
                throw new AccessDeniedException("only instructors and a course's staff may list other users' "
                        + "submissions (staff: filter by course or assignment)");
            }
            user = Optional.of(caller.name());
        }
        int limit = (int) QueryParams.number(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        long before = QueryParams.number(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        List<Submission> rows = store.list(user, course, assignment, limit, before);
        Long next = rows.size() == limit ? rows.get(rows.size() - 1).id() : null;
        if (!teaches) {
            // after the cursor is taken, so paging stays right; a page may be shorter
            Set<String> hidden = publications.hiddenFromStudents();
            rows = rows.stream().filter(s -> !hidden.contains(s.assignment())).toList();
        }
        ctx.header("Cache-Control", "no-store")
                .json(new SubmissionViews.Page(
                        rows.stream()
                                .map(s -> SubmissionViews.summary(s, prefix))
                                .toList(),
                        next));
    }

    /** The course of an assignment filter, or empty when the filter is no assignment key (it then matches nothing). */
    private static Optional<String> courseOf(String assignment) {
        try {
            return Optional.of(AssignmentKey.parse(assignment).course());
        } catch (InvalidAssignmentKeyException e) {
            return Optional.empty();
        }
    }

    private static long parseId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no submission '" + RequestLog.redact(raw) + "': ids are numbers");
        }
    }
}
