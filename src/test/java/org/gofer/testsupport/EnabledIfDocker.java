package org.gofer.testsupport;

import com.github.dockerjava.api.DockerClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.gofer.sandbox.DockerClients;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated test class or method only when a Docker daemon answers a ping; otherwise the
 * tests are skipped, never failed (testcontainers' {@code EnabledIfDockerAvailableCondition}). The
 * daemon is asked once per JVM.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfDocker.Condition.class)
public @interface EnabledIfDocker {

    /** The JUnit 5 condition behind {@link EnabledIfDocker}. */
    final class Condition implements ExecutionCondition {
        private static volatile ConditionEvaluationResult cached;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult result = cached;
            if (result == null) {
                result = probe();
                cached = result;
            }
            return result;
        }

        private static ConditionEvaluationResult probe() {
            try (DockerClient docker = DockerClients.fromEnvironment()) {
                docker.pingCmd().exec();
                return ConditionEvaluationResult.enabled("Docker answers");
            } catch (Exception | LinkageError e) {
                return ConditionEvaluationResult.disabled("no Docker daemon answers: " + e);
            }
        }
    }
}
