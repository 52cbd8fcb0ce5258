package org.gofer.web;

import io.javalin.config.JavalinConfig;

/**
 * A group of routes owned by one feature (submissions, grades, LTI, pages). {@link WebServer}
 * adds every module's routes under the service prefix, so features plug in without editing it.
 */
public interface RouteModule {

    /**
     * @param config the server being configured; add routes with {@code config.routes}
     * @param prefix the service prefix, starting and ending with '/', e.g. {@code /services/gofer/}
     */
    void addRoutes(JavalinConfig config, String prefix);
}
