package org.gofer.pages;

import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.environment.AssignmentEnvironments;
import org.gofer.environment.BuildRecord;
import org.gofer.environment.EnvironmentStatus;

/**
 * The "Environment" line of an instructor's assignment page (environment.jte): the build's status, the image its
 * submissions grade in, why a build failed, and a link to the whole build log. Empty without
 * environments (tests, tools). Thread-safe.
 */
final class EnvironmentLine {
    private final Optional<AssignmentEnvironments> environments;

    EnvironmentLine(Optional<AssignmentEnvironments> environments) {
        this.environments = environments;
    }

    /**
     * What environment.jte shows as a {@code <dt>/<dd>} pair of the page's facts list.
     *
     * @param failure why the status could not be worked out, or null
     * @param image the image submissions grade in
     * @param built false when the assignment has no environment of its own
     * @param note what the status means for submissions
     * @param why why a build failed or cannot start, or null
     * @param log the build log's URL, or null before any build
     * @param rebuild the URL that starts a rebuild
     */
    record Line(
            String failure,
            String image,
            boolean built,
            String status,
            String note,
            String why,
            String log,
            String rebuild) {}

    /** Empty without environments (tests, tools). */
    Optional<Line> of(Viewer v, AssignmentKey key) {
        if (environments.isEmpty()) {
            return Optional.empty();
        }
        EnvironmentStatus s;
        try {
            s = environments.get().status(key);
        } catch (RuntimeException e) {
            return Optional.of(new Line(String.valueOf(e.getMessage()), null, false, null, null, null, null, null));
        }
        if (s.spec().isEmpty()) {
            return Optional.of(new Line(null, s.image(), false, null, null, null, null, null));
        }
        String api = v.api("assignments/" + key.course() + "/" + key.section() + "/" + key.name() + "/environment");
        BuildRecord.Status status = s.status();
        boolean logged = status == BuildRecord.Status.BUILDING
                || status == BuildRecord.Status.READY
                || status == BuildRecord.Status.FAILED;
        String note = switch (status) {
            case NONE -> " (built when a submission arrives, or rebuild below)";
            case BUILDING -> " (submissions wait in the queue)";
            case READY -> "";
            case FAILED -> " (submissions wait in the queue until the spec is fixed or it is rebuilt)";
        };
        return Optional.of(new Line(
                null,
                s.image(),
                true,
                status.wireName(),
                note,
                s.record().flatMap(BuildRecord::error).or(s::problem).orElse(null),
                logged ? api + "/log" : null,
                api));
    }
}
