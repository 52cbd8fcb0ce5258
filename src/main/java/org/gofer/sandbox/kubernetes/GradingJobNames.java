package org.gofer.sandbox.kubernetes;

import java.util.Locale;

/**
 * The name of the Job (and of its run secret) that grades one submission: {@code gofer-<deployment>-<id>}.
 * The name is deterministic on purpose: a second Gofer process, or the same one after a restart, that
 * tries to grade the submission again finds the running Job (create answers 409) and awaits it
 * instead of starting a second one. Stateless.
 */
final class GradingJobNames {
    private static final int DEPLOYMENT_CHARS = 32;

    private GradingJobNames() {}

    /** @param deployment the {@code gofer.deployment} label, letters, digits, '.', '_' and '-' */
    static String forSubmission(String deployment, long submissionId) {
        String safe = deployment.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (safe.length() > DEPLOYMENT_CHARS) {
            safe = safe.substring(0, DEPLOYMENT_CHARS);
        }
        safe = safe.replaceAll("^-+|-+$", "");
        return "gofer-" + (safe.isEmpty() ? "x" : safe) + "-" + submissionId;
    }
}
