package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.gofer.sandbox.ContainerLabels;
import org.gofer.sandbox.PeriodicSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, by label, what grading runs of this deployment left behind and no run of this process
 * awaits: finished Jobs (of a crashed process, or whose deletion failed), and run secrets and pods
 * whose Job is gone. A Job still running is left alone, even one of a crashed process: the grading
 * that is tried again adopts it, and its deadline bounds it. {@link OrphanSweeper}'s idea for Jobs.
 * Idempotent and thread-safe; the API being down only postpones the sweep.
 *
 * @see org.gofer.sandbox.OrphanSweeper
 */
public final class GradingJobSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GradingJobSweeper.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> selector;
    private final Predicate<String> awaited;
    private final GradingJobs jobs;
    private final PeriodicSweep periodic = new PeriodicSweep("gofer-job-sweeper", this::sweep);

    GradingJobSweeper(
            KubernetesClient client, String namespace, String deployment, Predicate<String> awaited, GradingJobs jobs) {
        this.client = client;
        this.namespace = namespace;
        this.selector = Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.DEPLOYMENT, deployment);
        this.awaited = awaited;
        this.jobs = jobs;
    }

    /** @return how many Jobs, secrets and pods were deleted */
    public synchronized int sweep() {
        try {
            List<Job> all = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withLabels(selector)
                    .list()
                    .getItems();
            Set<String> existing = new HashSet<>();
            int removed = 0;
            for (Job job : all) {
                String name = job.getMetadata().getName();
                if (awaited.test(name)) {
                    continue;
                }
                if (finished(job)) {
                    jobs.delete(name);
                    removed++;
                } else {
                    existing.add(name);
                }
            }
            removed += withoutJob(
                    client.secrets()
                            .inNamespace(namespace)
                            .withLabels(selector)
                            .list()
                            .getItems(),
                    existing,
                    name -> client.secrets()
                            .inNamespace(namespace)
                            .withName(name)
                            .delete());
            removed += withoutJob(
                    client.pods()
                            .inNamespace(namespace)
                            .withLabels(selector)
                            .list()
                            .getItems(),
                    existing,
                    name -> client.pods()
                            .inNamespace(namespace)
                            .withName(name)
                            .withGracePeriod(0)
                            .delete());
            if (removed > 0) {
                LOG.info("removed {} leftover grading object(s) in namespace {}", removed, namespace);
            }
            return removed;
        } catch (KubernetesClientException e) {
            LOG.warn("cannot sweep grading jobs in namespace {}: {}", namespace, e.getMessage());
            return 0;
        }
    }

    /** Deletes the objects whose Job ({@code gofer.run} label on pods, own name on secrets) is gone. */
    private int withoutJob(
            List<? extends HasMetadata> objects, Set<String> runningJobs, java.util.function.Consumer<String> delete) {
        int removed = 0;
        for (HasMetadata object : objects) {
            String name = object.getMetadata().getName();
            Map<String, String> labels = object.getMetadata().getLabels();
            String job = labels != null && labels.containsKey(GradingJobManifest.RUN)
                    ? labels.get(GradingJobManifest.RUN)
                    : name;
            if (!awaited.test(job) && !runningJobs.contains(job)) {
                delete.accept(name);
                removed++;
            }
        }
        return removed;
    }

    static boolean finished(Job job) {
        JobStatus status = job.getStatus();
        if (status == null) {
            return false;
        }
        if (status.getCompletionTime() != null) {
            return true;
        }
        if (status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                                && "True".equals(c.getStatus()))) {
            return true;
        }
        return (status.getSucceeded() != null && status.getSucceeded() > 0)
                || (status.getFailed() != null && status.getFailed() > 0);
    }

    /** Sweeps now and then every {@code period}, until {@link #close()}. */
    public void start(Duration period) {
        periodic.start(period);
    }

    @Override
    public void close() {
        periodic.close();
    }
}
