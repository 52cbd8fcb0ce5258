package org.gofer.environment;

import org.gofer.assignment.AssignmentKey;

/** What the grading pipeline asks of environments: the seam tests replace. Implementations are thread-safe. */
public interface EnvironmentResolver {

    /** Where the assignment's environment stands; may start its build, never waits for one. */
    Resolution resolve(AssignmentKey key, EnvironmentSpec spec);

    /** Registers a call made after each build that produced an image. */
    default void onReady(Runnable listener) {}

    /** For services and tools without environment builds: every environment is unavailable. */
    static EnvironmentResolver unavailable() {
        return (key, spec) -> Resolution.unavailable("this process builds no environments");
    }
}
