package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.gofer.web.BadRequestException;
import org.gofer.web.NotFoundException;
import org.gofer.web.RequestBodies;

/**
 * The instructor JSON endpoints behind the pages (scripts may use them with a token): regrade one
 * submission or a whole assignment and follow its progress, the queue, an assignment's score
 * distribution, and the "release hidden results" switch. Writes from a browser pass the
 * {@code X-Gofer-XSRF} check in the auth gate first. Thread-safe.
 */
final class InstructorApi {

    private final SubmissionStore store;
    private final SubmissionQueue queue;
    private final Assignments assignments;
    private final GradebookGrid grid;
    private final QueueMonitor monitor;
    private final ReleaseFlags releases;
    private final Runnable wakeWorkers;

    InstructorApi(
            SubmissionStore store,
            SubmissionQueue queue,
            Assignments assignments,
            GradebookGrid grid,
            QueueMonitor monitor,
            ReleaseFlags releases,
            Runnable wakeWorkers) {
        this.store = store;
        this.queue = queue;
        this.assignments = assignments;
        this.grid = grid;
        this.monitor = monitor;
        this.releases = releases;
        this.wakeWorkers = wakeWorkers;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        String a = prefix + "api/assignments/{course}/{section}/{name}/";
        config.routes.post(prefix + "api/regrade", ctx -> regrade(ctx, Viewer.of(ctx, prefix)));
        config.routes.get(prefix + "api/queue", ctx -> queue(ctx, instructor(ctx, prefix, "see the queue")));
        config.routes.get(a + "progress", ctx -> progress(ctx, staff(ctx, prefix, "follow its regrades")));
        config.routes.get(a + "distribution", ctx -> distribution(ctx, staff(ctx, prefix, "see its distributions")));
        config.routes.post(a + "release", ctx -> release(ctx, staff(ctx, prefix, "release its hidden results")));
    }

    private static Viewer instructor(Context ctx, String prefix, String what) {
        return Viewer.of(ctx, prefix).requireInstructor(what);
    }

    /** Instructors and the staff of the course in the path. */
    private static Viewer staff(Context ctx, String prefix, String what) {
        return Viewer.of(ctx, prefix).requireMayTeach(Params.assignment(ctx).course(), what);
    }

    private void regrade(Context ctx, Viewer v) {
        JsonNode body = RequestBodies.jsonObject(ctx);
        InstructorResponses.Regrade out;
        if (body.hasNonNull("submission")) {
            if (!body.get("submission").canConvertToLong()) {
                throw new BadRequestException("\"submission\" must be a submission id (a number)");
            }
            long id = body.get("submission").asLong();
            var s = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
            v.requireMayTeach(s.course(), "regrade its submissions");
            int requeued = queue.requeue(Optional.of(id), Optional.empty());
            out = new InstructorResponses.Regrade(id, s.assignment(), null, requeued);
        } else if (body.hasNonNull("assignment")) {
            AssignmentKey key = Assignments.parse(body.get("assignment").asText())
                    .orElseThrow(() -> new BadRequestException("\"assignment\" must be course/section/name"));
            v.requireMayTeach(key.course(), "regrade its assignments");
            int requeued = queue.requeue(Optional.empty(), Optional.of(key.toString()));
            String progress =
                    v.api("assignments/" + key.course() + "/" + key.section() + "/" + key.name() + "/progress");
            out = new InstructorResponses.Regrade(
                    null, key.toString(), new InstructorResponses.ProgressLink(progress), requeued);
        } else {
            throw new BadRequestException("send {\"submission\": <id>} or {\"assignment\": \"course/section/name\"}");
        }
        if (out.requeued() > 0) {
            wakeWorkers.run();
        }
        ctx.status(202).json(out);
    }

    private void progress(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        ctx.header("Cache-Control", "no-store")
                .json(InstructorResponses.Progress.of(key.toString(), monitor.countsOf(key.toString())));
    }

    private void queue(Context ctx, Viewer v) {
        ctx.header("Cache-Control", "no-store").json(InstructorResponses.Queue.of(store.stats(), monitor));
    }

    private void distribution(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        AssignmentInfo info = assignments.info(key);
        int[] bins = Histogram.bins(grid.fractions(info.id(), info.rule()));
        ctx.header("Cache-Control", "no-store").json(InstructorResponses.Distribution.of(info.id(), bins));
    }

    private void release(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        JsonNode body = RequestBodies.jsonObject(ctx);
        if (!body.path("released").isBoolean()) {
            throw new BadRequestException("send {\"released\": true} or {\"released\": false}");
        }
        boolean released = body.get("released").asBoolean();
        releases.set(key.toString(), released, v.name());
        ctx.json(new InstructorResponses.Release(key.toString(), released));
    }
}
