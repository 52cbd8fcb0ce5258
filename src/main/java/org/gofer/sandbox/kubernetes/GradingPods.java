package org.gofer.sandbox.kubernetes;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.gofer.sandbox.HarnessOutput;
import org.gofer.sandbox.SandboxUnavailableException;

/**
 * The pod of a grading Job: wait (by watch, not by polling) until it reaches a state, attach its
 * stdin, read its log into a {@link HarnessOutput}, kill it. A pod that vanishes while awaited
 * (drained node, someone deleted it) is the cluster's problem. Thread-safe.
 */
final class GradingPods {
    private static final int LOG_CHUNK = 64 * 1024;

    private final KubernetesClient client;
    private final String namespace;

    GradingPods(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * @return the pod once {@code condition} holds for its state, empty when the time ran out
     * @throws SandboxUnavailableException when the pod disappeared while awaited
     */
    Optional<Pod> await(String job, Predicate<GradingPodState> condition, Duration timeout)
            throws InterruptedException {
        AtomicBoolean seen = new AtomicBoolean();
        CompletableFuture<List<Pod>> future = client.pods()
                .inNamespace(namespace)
                .withLabel(GradingJobManifest.RUN, job)
                .informOnCondition(pods -> {
                    if (!pods.isEmpty()) {
                        seen.set(true);
                    }
                    return (seen.get() && pods.isEmpty())
                            || pods.stream().anyMatch(p -> condition.test(GradingPodState.of(p)));
                });
        try {
            List<Pod> pods = future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return Optional.of(pods.stream()
                    .filter(p -> condition.test(GradingPodState.of(p)))
                    .findFirst()
                    .orElseThrow(() -> new SandboxUnavailableException(
                            "the pod of grading job " + job + " was deleted while it graded", null)));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new SandboxUnavailableException(
                    "watching the pod of grading job " + job + " failed: " + e.getCause(), e.getCause());
        } finally {
            future.cancel(true);
        }
    }

    /**
     * Attaches to the container's stdin and writes the job line. The attach stays open until the
     * caller closes it: with {@code stdinOnce} the container's stdin closes with it.
     */
    ExecWatch attach(Pod pod, byte[] jobLine) throws IOException {
        ExecWatch watch = client.pods()
                .inNamespace(namespace)
                .withName(pod.getMetadata().getName())
                .inContainer(GradingJobManifest.CONTAINER)
                .redirectingInput()
                .attach();
        try {
            OutputStream stdin = watch.getInput();
            stdin.write(jobLine);
            stdin.flush();
            return watch;
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    /** Reads the container's log (stdout and stderr, as the kubelet kept them) into capped output. */
    HarnessOutput log(Pod pod) throws IOException {
        HarnessOutput output = HarnessOutput.forGrading();
        try (InputStream log = client.pods()
                .inNamespace(namespace)
                .withName(pod.getMetadata().getName())
                .inContainer(GradingJobManifest.CONTAINER)
                .getLogInputStream()) {
            byte[] buffer = new byte[LOG_CHUNK];
            int n;
            while ((n = log.read(buffer)) > 0) {
                byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                output.onNext(new Frame(StreamType.STDOUT, chunk));
            }
        }
        output.finish();
        return output;
    }

    /** Kills the pod at once (the wall clock ran out). */
    void kill(Pod pod) {
        client.pods()
                .inNamespace(namespace)
                .withName(pod.getMetadata().getName())
                .withGracePeriod(0)
                .delete();
    }
}
