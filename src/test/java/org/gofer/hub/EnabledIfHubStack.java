package org.gofer.hub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated tests only when at least one {@link HubStack} is installed and a Docker
 * daemon answers; otherwise they are skipped, never failed. With {@link #chromium()} also
 * requires Debian's chromium and chromium-driver. Docker is probed once per JVM. Which stacks a
 * test class runs against is decided per stack, by {@link HubStack#unavailable()} (see
 * {@link HubStack#assumeInstalled()}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfHubStack.Condition.class)
@interface EnabledIfHubStack {
    /** Also require headless Chromium and its WebDriver. */
    boolean chromium() default false;

    /** The JUnit 5 condition behind {@link EnabledIfHubStack}. */
    final class Condition implements ExecutionCondition {
        static final List<String> BROWSER = List.of("/usr/bin/chromium", "/usr/bin/chromedriver");
        private static volatile Boolean dockerAnswers;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean chromium = context.getElement()
                    .map(e -> e.getAnnotation(EnabledIfHubStack.class))
                    .map(EnabledIfHubStack::chromium)
                    .orElse(false);
            for (String exe : chromium ? BROWSER : List.<String>of()) {
                if (!Files.isExecutable(Path.of(exe))) {
                    return ConditionEvaluationResult.disabled(exe + " is not installed");
                }
            }
            if (java.util.Arrays.stream(HubStack.values())
                    .allMatch(s -> s.unavailable().isPresent())) {
                return ConditionEvaluationResult.disabled("no JupyterHub is installed: "
                        + HubStack.DEBIAN_3.unavailable().orElse("") + "; "
                        + HubStack.CURRENT_5.unavailable().orElse(""));
            }
            if (!docker()) {
                return ConditionEvaluationResult.disabled("no Docker daemon answers `docker info`");
            }
            return ConditionEvaluationResult.enabled(
                    "a JupyterHub" + (chromium ? ", Chromium" : "") + " and Docker found");
        }

        private static boolean docker() {
            Boolean known = dockerAnswers;
            if (known == null) {
                known = probeDocker();
                dockerAnswers = known;
            }
            return known;
        }

        private static boolean probeDocker() {
            try {
                Process p = new ProcessBuilder("docker", "info")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return false;
                }
                return p.exitValue() == 0;
            } catch (Exception e) {
                return false;
            }
        }
    }
}
