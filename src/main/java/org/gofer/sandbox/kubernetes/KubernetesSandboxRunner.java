package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gofer.config.AppConfig;
import org.gofer.sandbox.ContainerLabels;
import org.gofer.sandbox.DockerSandboxRunner;
import org.gofer.sandbox.HarnessOutput;
import org.gofer.sandbox.JobLineEncoder;
import org.gofer.sandbox.OutcomeClassifier;
import org.gofer.sandbox.RunSecret;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.SandboxUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades each job in one Kubernetes Job ({@link GradingJobManifest}) of a namespace of its own,
 * with the Docker runner's contract: the job line with a fresh {@link RunSecret} goes to the
 * supervisor's stdin through one attach, the result is only what verifies in the pod's log, and
 * {@link OutcomeClassifier} tells the outcomes apart. The Job is named after the submission, so a
 * grading that is tried again (after a Gofer restart, or by a second process) finds a Job still
 * running and awaits it, verifying its result with the secret kept beside it, instead of starting a
 * second one. The cluster failing us (API errors, a pod evicted or deleted, an image that cannot be
 * pulled, a pod that does not start in time, a container killed from outside) is a
 * {@link SandboxUnavailableException}: the job is graded again later, never blamed on the student.
 * The Job, its pod and its secret are deleted when the run returns, whatever happened.
 *
 * <p>Thread-safe: workers call {@link #run} concurrently; each run has its own Job.
 */
public final class KubernetesSandboxRunner implements SandboxRunner {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesSandboxRunner.class);

    private final KubernetesClient client;
    private final AppConfig.Kubernetes settings;
    private final String deployment;
    private final ContainerLabels labels;
    private final GradingJobs jobs;
    private final GradingPods pods;
    private final GradingJobSweeper sweeper;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final JobLineEncoder encoder = new JobLineEncoder();

    /**
     * @param client the API client; the runner closes it
     * @param settings namespace and timings
     * @param deployment the {@code gofer.deployment} label: one service process per deployment
     * @param instance the {@code gofer.instance} label of this process's Jobs
     */
    public KubernetesSandboxRunner(
            KubernetesClient client, AppConfig.Kubernetes settings, String deployment, String instance) {
        this.client = client;
        this.settings = settings;
        this.deployment = deployment;
        this.labels = new ContainerLabels(deployment, instance);
        this.jobs = new GradingJobs(client, settings.namespace());
        this.pods = new GradingPods(client, settings.namespace());
        this.sweeper = new GradingJobSweeper(client, settings.namespace(), deployment, active::contains, jobs);
    }

    /** The sweeper of this runner's deployment: finished Jobs nobody awaits, secrets and pods without a Job. */
    public GradingJobSweeper sweeper() {
        return sweeper;
    }

    @Override
    public SandboxOutcome run(SandboxJob job) {
        RunSecret fresh = RunSecret.generate();
        try {
            encoder.encode(job, fresh);
        } catch (IllegalArgumentException e) {
            return new SandboxOutcome(
                    SandboxOutcome.Kind.HARNESS_FAILED,
                    Optional.empty(),
                    Optional.empty(),
                    "",
                    Duration.ZERO,
                    "The submission could not be sent to the grader: " + e.getMessage());
        }
        String name = GradingJobNames.forSubmission(deployment, job.submissionId());
        active.add(name);
        try {
            RunSecret secret = startOrAdopt(name, job, fresh);
            return grade(name, job, encoder.encode(job, secret), secret);
        } catch (KubernetesClientException e) {
            throw new SandboxUnavailableException(
                    "the Kubernetes API failed while grading submission " + job.submissionId() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while grading submission " + job.submissionId(), e);
        } finally {
            jobs.delete(name);
            active.remove(name);
        }
    }

    /**
     * Starts the submission's Job, or adopts the one a previous attempt started: that one's result
     * verifies with the secret kept beside it. A Job without its secret cannot be trusted and is
     * replaced.
     */
    private RunSecret startOrAdopt(String name, SandboxJob job, RunSecret fresh) throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (jobs.find(name).isPresent()) {
                Optional<RunSecret> kept = jobs.keptSecret(name);
                if (kept.isPresent()) {
                    LOG.info("submission {}: awaiting grading job {} started earlier", job.submissionId(), name);
                    return kept.get();
                }
                LOG.info("submission {}: replacing grading job {} that has no run secret", job.submissionId(), name);
                jobs.deleteAndAwaitGone(name);
            }
            var manifest = GradingJobManifest.job(
                    name,
                    settings.namespace(),
                    job.image(),
                    job.limits(),
                    labels.forSubmission(job.submissionId()),
                    settings.finishedJobTtl());
            if (jobs.create(manifest, labels.forSubmission(job.submissionId()), fresh)) {
                LOG.info("grading submission {} in job {}", job.submissionId(), name);
                return fresh;
            }
            Thread.sleep(200); // someone else created it just now: its secret follows the Job
        }
        throw new SandboxUnavailableException("could not start or adopt grading job " + name, null);
    }

    private SandboxOutcome grade(String name, SandboxJob job, byte[] jobLine, RunSecret secret)
            throws InterruptedException {
        Pod started = pods.await(name, GradingPodState::startedOrDecided, settings.startTimeout())
                .orElseThrow(() -> new SandboxUnavailableException(
                        "the pod of grading job " + name + " did not start within " + settings.startTimeout()
                                + " (unschedulable, or the image is slow to pull)",
                        null));
        requireNoClusterFailure(GradingPodState.of(started));
        // An adopted pod has run for a while already: the wall clock counts from its container's start.
        long startedAt = System.nanoTime() - runningFor(started).toNanos();
        ExecWatch stdin = null;
        try {
            if (GradingPodState.of(started).running()) {
                stdin = attach(started, jobLine);
            }
            Duration remaining = job.limits().timeout().minusNanos(System.nanoTime() - startedAt);
            Optional<Pod> ended = pods.await(name, GradingPodState::finishedOrFailed, remaining);
            Pod last = ended.orElse(started);
            GradingPodState state = GradingPodState.of(last);
            requireNoClusterFailure(state);
            HarnessOutput output = pods.log(last);
            if (ended.isEmpty()) {
                pods.kill(last);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
            OutcomeClassifier.Observed observed = new OutcomeClassifier.Observed(
                    ended.isEmpty(),
                    state.oomKilled(),
                    ended.isEmpty() ? Optional.empty() : state.exitCode(),
                    output.resultLines(),
                    output.log(),
                    elapsed,
                    job.limits().timeout(),
                    job.limits().memoryMb());
            SandboxOutcome outcome = OutcomeClassifier.classify(observed, secret);
            if (DockerSandboxRunner.killedFromOutside(outcome)) {
                throw new SandboxUnavailableException(
                        "the pod of grading job " + name + " was killed from outside (" + outcome.detail() + ")", null);
            }
            LOG.info("submission {}: {} {}", job.submissionId(), outcome.kind(), outcome.detail());
            return outcome;
        } catch (IOException e) {
            throw new SandboxUnavailableException("could not read the log of grading job " + name, e);
        } finally {
            if (stdin != null) {
                stdin.close();
            }
        }
    }

    private ExecWatch attach(Pod pod, byte[] jobLine) {
        try {
            return pods.attach(pod, jobLine);
        } catch (IOException | KubernetesClientException e) {
            throw new SandboxUnavailableException(
                    "could not attach to pod " + pod.getMetadata().getName() + ": " + e.getMessage(), e);
        }
    }

    /** How long the container has run already: zero for a fresh one, more for an adopted one. */
    private static Duration runningFor(Pod pod) {
        try {
            return pod.getStatus().getContainerStatuses().stream()
                    .filter(c -> GradingJobManifest.CONTAINER.equals(c.getName()))
                    .map(c -> c.getState().getRunning().getStartedAt())
                    .map(Instant::parse)
                    .map(at -> Duration.between(at, Instant.now()))
                    .filter(d -> !d.isNegative())
                    .findFirst()
                    .orElse(Duration.ZERO);
        } catch (RuntimeException e) {
            return Duration.ZERO; // no start time (yet): count from now
        }
    }

    private static void requireNoClusterFailure(GradingPodState state) {
        state.infrastructureFailure().ifPresent(why -> {
            throw new SandboxUnavailableException(why, null);
        });
    }

    @Override
    public boolean healthy() {
        try {
            client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(settings.namespace())
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            return true;
        } catch (KubernetesClientException e) {
            LOG.debug("Kubernetes API unhealthy: {}", e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        sweeper.close();
        client.close();
    }
}
