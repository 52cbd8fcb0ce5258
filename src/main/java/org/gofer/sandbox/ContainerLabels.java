package org.gofer.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The labels every grading container carries, so that clean-up works by label and never touches a
 * container Gofer did not create: {@code gofer.managed=true}, {@code gofer.deployment} (one service
 * process per deployment), {@code gofer.instance} (one per runner, i.e. per JVM) and
 * {@code gofer.submission} (absent on warm pool containers until they are used), and
 * {@code gofer.debug-session} on an instructor's debug terminal. Immutable.
 */
public record ContainerLabels(String deployment, String instance) {
    public static final String MANAGED = "gofer.managed";
    public static final String DEPLOYMENT = "gofer.deployment";
    public static final String INSTANCE = "gofer.instance";
    public static final String SUBMISSION = "gofer.submission";
    /** Marks a pre-started container of the warm pool. */
    public static final String WARM = "gofer.warm";
    /** Marks an instructor's debug terminal container; the value is the session's number. */
    public static final String DEBUG_SESSION = "gofer.debug-session";

    public ContainerLabels {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(instance, "instance");
    }

    /** Labels of a container created for one submission. */
    public Map<String, String> forSubmission(long submissionId) {
        Map<String, String> labels = common();
        labels.put(SUBMISSION, Long.toString(submissionId));
        return labels;
    }

    /** Labels of an instructor's debug terminal on a submission (never a grading container). */
    public Map<String, String> forDebugSession(long submissionId, long sessionId) {
        Map<String, String> labels = forSubmission(submissionId);
        labels.put(DEBUG_SESSION, Long.toString(sessionId));
        return labels;
    }

    /** Labels of a pre-started container waiting in the warm pool. */
    public Map<String, String> forWarmPool() {
        Map<String, String> labels = common();
        labels.put(WARM, "true");
        return labels;
    }

    private Map<String, String> common() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(DEPLOYMENT, deployment);
        labels.put(INSTANCE, instance);
        return labels;
    }
}
