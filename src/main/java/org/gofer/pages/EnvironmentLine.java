package org.gofer.pages;

import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.environment.AssignmentEnvironments;
import org.gofer.environment.BuildRecord;
import org.gofer.environment.EnvironmentStatus;

/**
 * The "Environment" line of an instructor's assignment page: the build's status, the image its
 * submissions grade in, why a build failed, and a link to the whole build log. Empty without
 * environments (tests, tools). Thread-safe.
 */
final class EnvironmentLine {
    private final Optional<AssignmentEnvironments> environments;

    EnvironmentLine(Optional<AssignmentEnvironments> environments) {
        this.environments = environments;
    }

    /** A {@code <dt>/<dd>} pair for the page's facts list. */
    Html render(Viewer v, AssignmentKey key) {
        if (environments.isEmpty()) {
            return Html.EMPTY;
        }
        EnvironmentStatus s;
        try {
            s = environments.get().status(key);
        } catch (RuntimeException e) {
            return Html.of("<dt>Environment</dt><dd>cannot be worked out: %s</dd>", e.getMessage());
        }
        if (s.spec().isEmpty()) {
            return Html.of("<dt>Environment</dt><dd>none: grades in <code>%s</code></dd>", s.image());
        }
        String api = v.api("assignments/" + key.course() + "/" + key.section() + "/" + key.name() + "/environment");
        BuildRecord.Status status = s.status();
        Optional<String> why = s.record().flatMap(BuildRecord::error).or(s::problem);
        Html log = Html.when(status == BuildRecord.Status.BUILDING || status == BuildRecord.Status.READY
                        || status == BuildRecord.Status.FAILED,
                Html.of(" · <a href=\"%s\">build log</a>", api + "/log"));
        String note = switch (status) {
            case NONE -> " (built when a submission arrives, or rebuild below)";
            case BUILDING -> " (submissions wait in the queue)";
            case READY -> "";
            case FAILED -> " (submissions wait in the queue until the spec is fixed or it is rebuilt)";
        };
        return Html.of("""
                <dt>Environment</dt><dd><span class="status env-%s">%s</span> <code>%s</code>%s%s%s
                <button class="action" data-post="%s" data-body="{}" data-done="reload">Rebuild environment</button></dd>
                """, status.wireName(), status.wireName(), s.image(), note,
                why.map(w -> Html.of("<br><span class=\"problem\">%s</span>", w)).orElse(Html.EMPTY), log, api);
    }
}
