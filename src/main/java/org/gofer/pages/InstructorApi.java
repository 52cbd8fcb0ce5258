package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.submission.QueueStats;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStatus;
import org.gofer.submission.SubmissionStore;
import org.gofer.web.BadRequestException;
import org.gofer.web.NotFoundException;

/**
 * The instructor JSON endpoints behind the pages (scripts may use them with a token): regrade one
 * submission or a whole assignment and follow its progress, the queue, an assignment's score
 * distribution, and the "release hidden results" switch. Writes from a browser pass the
 * {@code X-Gofer-XSRF} check in the auth gate first. Thread-safe.
 */
final class InstructorApi {
    private static final ObjectMapper JSON = Json.mapper();

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
        config.routes.post(prefix + "api/regrade", ctx -> regrade(ctx, instructor(ctx, prefix, "regrade")));
        config.routes.get(prefix + "api/queue", ctx -> queue(ctx, instructor(ctx, prefix, "see the queue")));
        config.routes.get(a + "progress", ctx -> progress(ctx, instructor(ctx, prefix, "follow a regrade")));
        config.routes.get(a + "distribution", ctx -> distribution(ctx, instructor(ctx, prefix, "see distributions")));
        config.routes.post(a + "release", ctx -> release(ctx, instructor(ctx, prefix, "release hidden results")));
    }

    private static Viewer instructor(Context ctx, String prefix, String what) {
        return Viewer.of(ctx, prefix).requireInstructor(what);
    }

    private void regrade(Context ctx, Viewer v) {
        JsonNode body = body(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        int requeued;
        if (body.hasNonNull("submission")) {
            if (!body.get("submission").canConvertToLong()) {
                throw new BadRequestException("\"submission\" must be a submission id (a number)");
            }
            long id = body.get("submission").asLong();
            var s = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
            requeued = queue.requeue(Optional.of(id), Optional.empty());
            out.put("submission", id);
            out.put("assignment", s.assignment());
        } else if (body.hasNonNull("assignment")) {
            AssignmentKey key = Assignments.parse(body.get("assignment").asText())
                    .orElseThrow(() -> new BadRequestException("\"assignment\" must be course/section/name"));
            requeued = queue.requeue(Optional.empty(), Optional.of(key.toString()));
            out.put("assignment", key.toString());
            out.put(
                    "links",
                    Map.of(
                            "progress",
                            v.api("assignments/" + key.course() + "/" + key.section() + "/" + key.name()
                                    + "/progress")));
        } else {
            throw new BadRequestException("send {\"submission\": <id>} or {\"assignment\": \"course/section/name\"}");
        }
        if (requeued > 0) {
            wakeWorkers.run();
        }
        out.put("requeued", requeued);
        ctx.status(202).json(out);
    }

    private void progress(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        Map<SubmissionStatus, Long> counts = monitor.countsOf(key.toString());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long pending = counts.get(SubmissionStatus.QUEUED) + counts.get(SubmissionStatus.RUNNING);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assignment", key.toString());
        counts.forEach((s, n) -> out.put(s.wireName(), n));
        out.put("total", total);
        out.put("done", pending == 0);
        ctx.header("Cache-Control", "no-store").json(out);
    }

    private void queue(Context ctx, Viewer v) {
        QueueStats stats = store.stats();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queued", stats.queued());
        out.put("running", stats.running());
        out.put("graded", stats.graded());
        out.put("failed", stats.failed());
        out.put("oldest_queued", stats.oldestQueued().orElse(null));
        out.put("being_graded", monitor.running());
        out.put("retrying", monitor.retrying());
        out.put("recent_failures", monitor.recentFailures());
        ctx.header("Cache-Control", "no-store").json(out);
    }

    private void distribution(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        AssignmentInfo info = assignments.info(key);
        int[] bins = Histogram.bins(grid.fractions(info.id(), info.policy() == Assignment.Policy.LATEST));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assignment", info.id());
        out.put("bin_width_percent", 100 / Histogram.BINS);
        out.put("bins", bins);
        out.put("students", java.util.Arrays.stream(bins).sum());
        ctx.header("Cache-Control", "no-store").json(out);
    }

    private void release(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        JsonNode body = body(ctx);
        if (!body.path("released").isBoolean()) {
            throw new BadRequestException("send {\"released\": true} or {\"released\": false}");
        }
        boolean released = body.get("released").asBoolean();
        releases.set(key.toString(), released, v.name());
        ctx.json(Map.of("assignment", key.toString(), "released", released));
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
        }
    }
}
