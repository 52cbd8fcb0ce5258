package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A node for the {@link MockKubernetesApi}: the Job controller's part (one pod per new Job, deleted
 * with its Job) and the kubelet's (each pod's container run on the local Docker engine with what the
 * pod spec says, translated the way a kubelet with a container runtime would: user and group,
 * read-only root, dropped capabilities, no privilege escalation, memory limit without swap, CPU
 * limit, a memory-backed emptyDir as a size-capped tmpfs, the node's pids limit, and no network since
 * the grading NetworkPolicy allows none). stdin comes from the pod's attach; the merged
 * stdout/stderr is the pod's log; the container's end (exit code, OOM kill) is written back into the
 * pod's and the Job's status. Deleting a pod kills its container. Every container carries the label
 * {@code gofer.test-kubelet=<id>}. Test code; thread-safe.
 */
final class TestKubelet implements AutoCloseable, MockKubernetesApi.Kubelet {
    private final KubernetesClient client;
    private final long podPidsLimit;
    private final String id = UUID.randomUUID().toString();
    private final Path logs;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-kubelet");
        t.setDaemon(true);
        return t;
    });
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> podsCreated = new ConcurrentHashMap<>();
    private final Map<String, List<String>> jobUids = new ConcurrentHashMap<>();

    /** One container being run for a pod. */
    private record Running(String container, Process process, Path log) {}

    TestKubelet(MockKubernetesApi api, long podPidsLimit) throws IOException {
        this.client = api.client();
        this.podPidsLimit = podPidsLimit;
        this.logs = Files.createTempDirectory("test-kubelet");
        api.serveKubelet(this);
        informers.add(client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<Job>() {
            @Override
            public void onAdd(Job job) {
                threads.execute(() -> createPod(job));
            }

            @Override
            public void onUpdate(Job before, Job after) {}

            @Override
            public void onDelete(Job job, boolean unknown) {
                threads.execute(() -> client.pods()
                        .inNamespace(job.getMetadata().getNamespace())
                        .withLabel("job-name", job.getMetadata().getName())
                        .delete());
            }
        }));
        informers.add(client.pods().inAnyNamespace().inform(new ResourceEventHandler<Pod>() {
            @Override
            public void onAdd(Pod pod) {
                threads.execute(() -> runPod(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod after) {}

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                Running r = running.remove(key(pod));
                if (r != null) {
                    docker("rm", "-f", r.container());
                }
            }
        }));
    }

    /** The label every container of this kubelet carries. */
    String containerLabel() {
        return "gofer.test-kubelet=" + id;
    }

    /** How many pods this node's Job controller created for Jobs of that name. */
    int podsCreatedFor(String job) {
        var n = podsCreated.get(job);
        return n == null ? 0 : n.get();
    }

    int podsCreated() {
        return podsCreated.values().stream()
                .mapToInt(java.util.concurrent.atomic.AtomicInteger::get)
                .sum();
    }

    /** The uids of the Jobs of that name seen created, oldest first. */
    List<String> jobUidsSeen(String job) {
        return List.copyOf(jobUids.getOrDefault(job, List.of()));
    }

    private void createPod(Job job) {
        var meta = job.getMetadata();
        jobUids.computeIfAbsent(meta.getName(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(meta.getUid());
        podsCreated
                .computeIfAbsent(meta.getName(), k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        Pod pod = new PodBuilder()
                .withNewMetadataLike(job.getSpec().getTemplate().getMetadata())
                .withName(meta.getName() + "-" + UUID.randomUUID().toString().substring(0, 5))
                .withNamespace(meta.getNamespace())
                .addToLabels("job-name", meta.getName())
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("batch/v1")
                        .withKind("Job")
                        .withName(meta.getName())
                        .withUid(meta.getUid())
                        .withController(true)
                        .build())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withStatus(new PodStatusBuilder().withPhase("Pending").build())
                .build();
        try {
            client.pods().inNamespace(meta.getNamespace()).resource(pod).create();
        } catch (KubernetesClientException e) {
            // the Job was deleted meanwhile
        }
    }

    private void runPod(Pod pod) {
        var c = pod.getSpec().getContainers().get(0);
        if (!imagePresent(c.getImage())) {
            setStatus(pod, waiting("ErrImagePull", "image " + c.getImage() + " not found"), "Pending");
            return;
        }
        String name = "kubelet-" + pod.getMetadata().getName();
        Path log = logs.resolve(pod.getMetadata().getName() + ".log");
        List<String> command = new ArrayList<>(List.of("docker", "run", "--name", name, "--label", containerLabel()));
        command.addAll(securityFlags(pod.getSpec().getSecurityContext(), c.getSecurityContext()));
        command.addAll(resourceFlags(c.getResources().getLimits()));
        command.addAll(volumeFlags(pod, c.getVolumeMounts()));
        command.addAll(List.of("--network", "none", "--pids-limit", Long.toString(podPidsLimit)));
        c.getEnv().forEach(e -> command.addAll(List.of("-e", e.getName() + "=" + e.getValue())));
        if (Boolean.TRUE.equals(c.getStdin())) {
            command.add("-i");
        }
        command.add(c.getImage());
        if (c.getCommand() != null) {
            command.addAll(c.getCommand());
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            running.put(key(pod), new Running(name, process, log));
            setStatus(
                    pod,
                    new ContainerStateBuilder()
                            .withNewRunning()
                            .withStartedAt(Instant.now().toString())
                            .endRunning()
                            .build(),
                    "Running");
            process.waitFor(1, TimeUnit.HOURS);
            if (running.remove(key(pod)) == null) {
                return; // the pod was deleted: its container is gone with it
            }
            String[] state = docker("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", name)
                    .strip()
                    .split(" ");
            docker("rm", "-f", name);
            boolean oom = "true".equals(state[0]);
            int exit = Integer.parseInt(state[1]);
            setStatus(
                    pod,
                    new ContainerStateBuilder()
                            .withNewTerminated()
                            .withExitCode(exit)
                            .withReason(oom ? "OOMKilled" : exit == 0 ? "Completed" : "Error")
                            .withFinishedAt(Instant.now().toString())
                            .endTerminated()
                            .build(),
                    exit == 0 ? "Succeeded" : "Failed");
            finishJob(pod, exit == 0);
        } catch (IOException | RuntimeException e) {
            setStatus(pod, waiting("RunContainerError", e.toString()), "Pending");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> securityFlags(PodSecurityContext pod, SecurityContext container) {
        List<String> flags = new ArrayList<>();
        Long uid = container.getRunAsUser() != null ? container.getRunAsUser() : pod.getRunAsUser();
        Long gid = container.getRunAsGroup() != null ? container.getRunAsGroup() : pod.getRunAsGroup();
        if (uid != null) {
            flags.addAll(List.of("--user", uid + (gid == null ? "" : ":" + gid)));
        }
        if (pod.getFsGroup() != null) {
            flags.addAll(List.of("--group-add", pod.getFsGroup().toString()));
        }
        if (Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())) {
            flags.add("--read-only");
        }
        if (container.getCapabilities() != null
                && container.getCapabilities().getDrop() != null
                && container.getCapabilities().getDrop().contains("ALL")) {
            flags.addAll(List.of("--cap-drop", "ALL"));
        }
        if (Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            flags.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        return flags;
    }

    private static List<String> resourceFlags(Map<String, Quantity> limits) {
        List<String> flags = new ArrayList<>();
        if (limits.containsKey("memory")) {
            String bytes = Quantity.getAmountInBytes(limits.get("memory"))
                    .toBigInteger()
                    .toString();
            flags.addAll(List.of("--memory", bytes, "--memory-swap", bytes));
        }
        if (limits.containsKey("cpu")) {
            flags.addAll(List.of(
                    "--cpus", Quantity.getAmountInBytes(limits.get("cpu")).toPlainString()));
        }
        return flags;
    }

    /**
     * A memory-backed emptyDir is a tmpfs of its size limit, writable by the pod's user and group-owned
     * by fsGroup, as a kubelet makes it. (Docker gives a tmpfs over an image directory that directory's
     * mode, 0700 for {@code /home/gofer}, so the owner is set too, where a kubelet makes it 0777.)
     */
    private static List<String> volumeFlags(Pod pod, List<VolumeMount> mounts) {
        List<String> flags = new ArrayList<>();
        Long fsGroup = Optional.ofNullable(pod.getSpec().getSecurityContext())
                .map(PodSecurityContext::getFsGroup)
                .orElse(null);
        Long runAs = Optional.ofNullable(pod.getSpec().getSecurityContext())
                .map(PodSecurityContext::getRunAsUser)
                .orElse(null);
        for (VolumeMount mount : mounts) {
            Volume volume = pod.getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            EmptyDirVolumeSource dir = volume.getEmptyDir();
            if (dir == null || !"Memory".equals(dir.getMedium())) {
                throw new IllegalArgumentException("the test kubelet runs memory-backed emptyDirs only");
            }
            String size = dir.getSizeLimit() == null
                    ? ""
                    : ",size=" + Quantity.getAmountInBytes(dir.getSizeLimit()).toBigInteger();
            flags.addAll(List.of(
                    "--tmpfs",
                    mount.getMountPath() + ":rw,nosuid,nodev" + size + ",mode=0777"
                            + (runAs == null ? "" : ",uid=" + runAs)
                            + (fsGroup == null ? "" : ",gid=" + fsGroup)));
        }
        return flags;
    }

    private static io.fabric8.kubernetes.api.model.ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .build();
    }

    private void setStatus(Pod pod, io.fabric8.kubernetes.api.model.ContainerState state, String phase) {
        String container = pod.getSpec().getContainers().get(0).getName();
        PodStatus status = new PodStatusBuilder()
                .withPhase(phase)
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName(container)
                        .withState(state)
                        .withReady(state.getRunning() != null)
                        .build())
                .withConditions(new PodConditionBuilder()
                        .withType("Ready")
                        .withStatus(state.getRunning() != null ? "True" : "False")
                        .build())
                .build();
        try {
            client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .editStatus(p -> new PodBuilder(p).withStatus(status).build());
        } catch (KubernetesClientException e) {
            // deleted meanwhile
        }
    }

    private void finishJob(Pod pod, boolean succeeded) {
        String job = pod.getMetadata().getLabels().get("job-name");
        try {
            client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(job)
                    .editStatus(j -> {
                        j.setStatus(new JobStatusBuilder()
                                .withSucceeded(succeeded ? 1 : 0)
                                .withFailed(succeeded ? 0 : 1)
                                .withCompletionTime(succeeded ? Instant.now().toString() : null)
                                .withConditions(new JobConditionBuilder()
                                        .withType(succeeded ? "Complete" : "Failed")
                                        .withStatus("True")
                                        .build())
                                .build());
                        return j;
                    });
        } catch (KubernetesClientException e) {
            // deleted meanwhile
        }
    }

    @Override
    public byte[] log(String namespace, String pod) {
        Path log = logs.resolve(pod + ".log");
        try {
            return Files.exists(log) ? Files.readAllBytes(log) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The attach's stdin channel (0) goes to the container's stdin; closing the attach closes it (stdinOnce). */
    @Override
    public MockResponse attach(String namespace, String pod) {
        return new MockResponse()
                .setHeader("Sec-WebSocket-Protocol", "v4.channel.k8s.io")
                .withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket socket, byte[] bytes) {
                        if (bytes.length > 1 && bytes[0] == 0) {
                            write(namespace, pod, bytes);
                        }
                    }

                    @Override
                    public void onMessage(WebSocket socket, io.fabric8.mockwebserver.http.ByteString bytes) {
                        onMessage(socket, bytes.toByteArray());
                    }

                    @Override
                    public void onClosing(WebSocket socket, int code, String reason) {
                        closeStdin(namespace, pod);
                    }
                });
    }

    private void write(String namespace, String pod, byte[] frame) {
        Running r = running.get(namespace + "/" + pod);
        if (r == null) {
            return;
        }
        try {
            OutputStream stdin = r.process().getOutputStream();
            stdin.write(frame, 1, frame.length - 1);
            stdin.flush();
        } catch (IOException e) {
            // the container ended
        }
    }

    private void closeStdin(String namespace, String pod) {
        Running r = running.get(namespace + "/" + pod);
        if (r != null) {
            try {
                r.process().getOutputStream().close();
            } catch (IOException e) {
                // the container ended
            }
        }
    }

    private static boolean imagePresent(String image) {
        return new String(docker("image", "inspect", "-f", "ok", image).getBytes(StandardCharsets.UTF_8))
                .strip()
                .equals("ok");
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        for (Running r : running.values()) {
            docker("rm", "-f", r.container());
        }
        running.clear();
        threads.shutdownNow();
        client.close();
    }
}
