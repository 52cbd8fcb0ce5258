package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.submission.SubmissionArchive;

/**
 * {@code GET {prefix}api/assignments/{c}/{s}/{a}/submissions.zip[?user=NAME]}: an assignment's
 * submissions as a zip streamed to the instructor (see {@link SubmissionArchive} for its layout).
 */
public final class SubmissionDownloads implements RouteModule {
    private final SubmissionArchive archive;

    public SubmissionDownloads(SubmissionArchive archive) {
        this.archive = archive;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "api/assignments/{course}/{section}/{name}/submissions.zip", this::download);
    }

    private void download(Context ctx) throws java.io.IOException {
        AssignmentKey key = AssignmentKey.of(ctx.pathParam("course"), ctx.pathParam("section"), ctx.pathParam("name"));
        if (!AuthGate.caller(ctx).mayTeach(key.course())) {
            throw new AccessDeniedException("only the course's instructors may download submissions");
        }
        Optional<String> user = Optional.ofNullable(ctx.queryParam("user")).filter(u -> !u.isBlank());
        String name = key.name()
                + user.map(u -> "-" + u.replaceAll("[^A-Za-z0-9._-]", "_")).orElse("") + "-submissions.zip";
        ctx.contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
        archive.write(ctx.outputStream(), key.toString(), user);
        ctx.outputStream().flush();
    }
}
