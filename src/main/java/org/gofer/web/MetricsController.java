package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;
import org.gofer.metrics.ServiceMetrics;

/**
 * {@code GET {prefix}metrics} in the Prometheus text format. By default only instructors may read
 * it (JupyterHub's own {@code /hub/metrics} also requires a token by default): Prometheus sends a
 * hub API token holding the instructor scope as {@code Authorization: Bearer ...}. With
 * {@code GOFER_METRICS_PUBLIC=true} the path is public, for scrapers on a trusted network.
 */
public final class MetricsController implements RouteModule {
    /** The path relative to the prefix, for the public-paths set. */
    public static final String PATH = "metrics";

    private final ServiceMetrics metrics;
    private final boolean open;

    /** @param open true when {@link #PATH} is among the public paths (no credentials needed) */
    public MetricsController(ServiceMetrics metrics, boolean open) {
        this.metrics = metrics;
        this.open = open;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        if (!open) {
            Caller caller = AuthGate.caller(ctx);
            if (!caller.instructor()) {
                throw new AccessDeniedException(
                        "only instructors (or a token with the instructor scope) may read " + "the metrics");
            }
        }
        ctx.contentType(ServiceMetrics.contentType())
                .header("Cache-Control", "no-store")
                .result(metrics.render());
    }
}
