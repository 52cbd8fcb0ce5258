package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.publication.PublicationLogEntry;
import org.gofer.publication.PublicationState;
import org.gofer.publication.Publications;
import org.gofer.publication.ValidationRun;
import org.gofer.publication.ValidationRuns;
import org.gofer.web.NotFoundException;

/**
 * Instructors' pages for adding assignments: {@code pages/assignments-new} (the upload form) and
 * {@code pages/publication/{c}/{s}/{a}} (draft or published, each solution's per-question result
 * while it is graded and after, publish, publish anyway, unpublish, validate again, the downloads
 * and the history). The writes are the JSON API's, called by gofer.js. Thread-safe.
 */
final class PublicationPages {
    private final AssignmentCatalog catalog;
    private final Publications publications;
    private final ValidationRuns runs;

    PublicationPages(AssignmentCatalog catalog, Publications publications, ValidationRuns runs) {
        this.catalog = catalog;
        this.publications = publications;
        this.runs = runs;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(
                prefix + "pages/assignments-new",
                ctx -> Layout.send(
                        ctx,
                        "upload",
                        new UploadPage(
                                courseStaff(ctx, prefix),
                                Params.text(ctx, "key").orElse(""))));
        config.routes.get(
                prefix + "pages/publication/{course}/{section}/{name}",
                ctx -> publication(ctx, courseStaff(ctx, prefix)));
    }

    /** Instructors and any course's staff reach the pages; the API checks the course of each upload. */
    private static Viewer courseStaff(Context ctx, String prefix) {
        Viewer v = Viewer.of(ctx, prefix);
        if (!v.staff()) {
            throw new AccessDeniedException("only instructors and course staff may add and publish assignments");
        }
        return v;
    }

    /** What upload.jte shows: the form, with the key filled in when replacing. */
    record UploadPage(Viewer v, String key) {}

    /**
     * What publication.jte shows.
     *
     * @param validation the latest validation, or null
     */
    record PublicationPage(
            Viewer v,
            AssignmentKey key,
            PublicationState state,
            ValidationRun validation,
            List<PublicationLogEntry> log) {

        String path() {
            return key.course() + "/" + key.section() + "/" + key.name();
        }

        String verdict() {
            return validation == null ? "none" : validation.verdict().name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean running() {
            return validation != null && validation.verdict() == ValidationRun.Verdict.RUNNING;
        }
    }

    private void publication(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        v.caller().requireMayTeach(key.course(), "see the publication of " + key);
        if (!catalog.exists(key)) {
            throw new NotFoundException("no assignment " + key);
        }
        Optional<ValidationRun> run = runs.latest(key.toString());
        Layout.send(
                ctx,
                "publication",
                new PublicationPage(v, key, publications.state(key), run.orElse(null), publications.log(key, 20)));
    }
}
