package org.gofer.grading;

import org.gofer.assignment.Assignment;
import org.gofer.config.AppConfig;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxLimits;

/** Builds a sandbox job from an assignment and the service's defaults; shared by workers and the CLI. */
public final class SandboxJobs {
    private SandboxJobs() {}

    /** A job in the assignment's image (its {@code image} setting, else the default). */
    public static SandboxJob create(
            long submissionId, Assignment assignment, byte[] notebook, AppConfig.Sandbox defaults) {
        return create(
                submissionId,
                assignment,
                notebook,
                defaults,
                assignment.settings().image().orElse(defaults.image()));
    }

    /** A job in the given image: the assignment's environment, once built. */
    public static SandboxJob create(
            long submissionId, Assignment assignment, byte[] notebook, AppConfig.Sandbox defaults, String image) {
        return new SandboxJob(
                submissionId,
                assignment.key().toString(),
                notebook,
                assignment.tests(),
                assignment.supportFiles(),
                assignment.settings().scoring(),
                image,
                limits(assignment.settings().limits(), defaults),
                assignment.settings().seeding());
    }

    /** The service's defaults, overridden by what the assignment sets. */
    public static SandboxLimits limits(Assignment.Limits overrides, AppConfig.Sandbox defaults) {
        SandboxLimits base = SandboxLimits.defaults();
        return new SandboxLimits(
                overrides.memoryMb().orElse(defaults.memoryMb()),
                overrides.cpus().orElse(defaults.cpus()),
                overrides.pids().orElse(defaults.pids()),
                overrides.timeoutSeconds().map(java.time.Duration::ofSeconds).orElse(defaults.timeout()),
                defaults.tmpfsMb(),
                overrides.cellTimeoutSeconds().orElse(base.cellTimeoutSeconds()),
                overrides.outputBytes().orElse(base.outputBytes()));
    }
}
