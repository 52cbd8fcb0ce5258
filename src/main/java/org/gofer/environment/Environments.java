package org.gofer.environment;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assignments' environments: each spec's image is built once, in the background, one build at
 * a time, and reused while its hash stays the same. State lives in Docker (an image tagged
 * {@code gofer-env:<hash prefix>} and labelled with the hash is ready) and in {@link BuildRecords}
 * (a failed build stays failed across restarts until its spec changes or an instructor rebuilds;
 * a build cut short by a stop simply starts again when needed). Thread-safe.
 */
public final class Environments implements EnvironmentResolver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Environments.class);
    static final int LOG_TAIL_BYTES = 8 * 1024;

    private final EnvironmentImages images;
    private final EnvironmentBuilder builder;
    private final BuildRecords records;
    private final Clock clock;
    /** This process's knowledge: builds queued or running, and how builds ended. */
    private final Map<String, BuildRecord> known = new ConcurrentHashMap<>();

    private final List<Runnable> readyListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final ExecutorService builds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gofer-environment-builder");
        t.setDaemon(true);
        return t;
    });

    public Environments(DockerClient docker, EnvironmentBuilder builder, BuildRecords records, Clock clock) {
        this.images = new EnvironmentImages(docker);
        this.builder = builder;
        this.records = records;
        this.clock = clock;
    }

    /** The service's (and the grade command's) environments: records under {@code dataDir}, the host's pip settings. */
    public static Environments create(DockerClient docker, Path dataDir, AppConfig.Pip pip, Clock clock) {
        return new Environments(
                docker, new EnvironmentBuilder(docker, PipSettings.fromConfig(pip)), new BuildRecords(dataDir), clock);
    }

    /** Called (on the build thread) after each build that ended with an image. */
    @Override
    public void onReady(Runnable listener) {
        readyListeners.add(listener);
    }

    /**
     * Where a job of this assignment stands; starts the build when the spec has neither an image
     * nor a build nor a recorded failure. Never blocks on a build.
     */
    @Override
    public Resolution resolve(AssignmentKey key, EnvironmentSpec spec) {
        String baseId;
        try {
            baseId = images.baseImageId(spec);
        } catch (EnvironmentUnavailableException e) {
            return Resolution.unavailable(e.getMessage());
        }
        String hash = EnvironmentHash.of(spec, baseId);
        BuildRecord current = known.get(hash);
        if (current != null && current.status() == BuildRecord.Status.BUILDING) {
            return Resolution.building(current.tag());
        }
        if (current != null && current.status() == BuildRecord.Status.FAILED) {
            return Resolution.failed(failure(current));
        }
        if (images.ready(hash)) {
            return Resolution.ready(EnvironmentHash.tag(hash));
        }
        synchronized (lock) {
            current = known.get(hash);
            if (current == null) {
                Optional<BuildRecord> stored = records.read(hash);
                if (stored.isPresent() && stored.get().status() == BuildRecord.Status.FAILED) {
                    known.put(hash, stored.get());
                    return Resolution.failed(failure(stored.get()));
                }
            } else if (current.status() == BuildRecord.Status.BUILDING) {
                return Resolution.building(current.tag());
            } else if (current.status() == BuildRecord.Status.FAILED) {
                return Resolution.failed(failure(current));
            } else if (images.ready(hash)) {
                return Resolution.ready(current.tag()); // its build ended since the look above
            }
            // never built, or built and since removed: build (again)
            startBuild(key, spec, hash, baseId, false);
            return Resolution.building(EnvironmentHash.tag(hash));
        }
    }

    /** The state for instructors, without starting anything. */
    public EnvironmentStatus status(EnvironmentSpec spec) {
        String baseId;
        try {
            baseId = images.baseImageId(spec);
        } catch (EnvironmentUnavailableException e) {
            return new EnvironmentStatus(
                    Optional.empty(), Optional.of(spec), spec.base(), Optional.of(e.getMessage()), "");
        }
        String hash = EnvironmentHash.of(spec, baseId);
        BuildRecord r = known.get(hash);
        if (r == null || r.status() == BuildRecord.Status.READY) {
            Optional<BuildRecord> stored = records.read(hash);
            if (images.ready(hash)) {
                r = stored.filter(s -> s.status() == BuildRecord.Status.READY)
                        .orElse(new BuildRecord(
                                hash, BuildRecord.Status.READY, Optional.empty(), Optional.empty(), Optional.empty()));
            } else {
                r = stored.filter(s -> s.status() == BuildRecord.Status.FAILED).orElse(BuildRecord.none(hash));
            }
        }
        return new EnvironmentStatus(
                Optional.of(r), Optional.of(spec), r.tag(), Optional.empty(), records.tail(hash, LOG_TAIL_BYTES));
    }

    /**
     * An instructor's rebuild: builds the spec again from scratch (no layer cache, so newer
     * packages come in), unless a build of it is already under way.
     */
    public EnvironmentStatus rebuild(AssignmentKey key, EnvironmentSpec spec) {
        String baseId = images.baseImageId(spec);
        String hash = EnvironmentHash.of(spec, baseId);
        synchronized (lock) {
            BuildRecord current = known.get(hash);
            if (current == null || current.status() != BuildRecord.Status.BUILDING) {
                startBuild(key, spec, hash, baseId, true);
            }
        }
        return status(spec);
    }

    /**
     * For the {@code grade} command: the environment's tag, built now on the calling thread when
     * it is not there (a recorded failure is tried again: an instructor is watching).
     *
     * @param progress receives the build output as it comes
     */
    public String ensureInForeground(AssignmentKey key, EnvironmentSpec spec, Consumer<String> progress) {
        String baseId = images.baseImageId(spec);
        String hash = EnvironmentHash.of(spec, baseId);
        if (images.ready(hash)) {
            return EnvironmentHash.tag(hash);
        }
        BuildRecord done = runBuild(key, spec, hash, baseId, false, progress);
        if (done.status() != BuildRecord.Status.READY) {
            throw new EnvironmentBuildException(failure(done), null);
        }
        return done.tag();
    }

    /**
     * Starts the builds that the course's assignments need, in the background, so that they are
     * ready before the first submission. Assignments whose settings cannot be read are skipped
     * (the pipeline reports them).
     */
    public void prepare(AssignmentCatalog catalog, String defaultImage) {
        execute(() -> {
            for (AssignmentKey key : catalog.list()) {
                try {
                    EnvironmentSpec.of(catalog.settings(key), defaultImage).ifPresent(spec -> resolve(key, spec));
                } catch (RuntimeException e) {
                    LOG.debug("not preparing the environment of {}: {}", key, e.getMessage());
                }
            }
        });
    }

    /** The whole build log of the spec's current hash, when there is one. */
    public Optional<Path> log(EnvironmentSpec spec) {
        try {
            Path file = records.log(EnvironmentHash.of(spec, images.baseImageId(spec)));
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (EnvironmentUnavailableException e) {
            return Optional.empty();
        }
    }

    private void startBuild(AssignmentKey key, EnvironmentSpec spec, String hash, String baseId, boolean noCache) {
        BuildRecord queued = BuildRecord.queued(hash);
        known.put(hash, queued);
        boolean accepted = execute(() -> {
            try {
                runBuild(key, spec, hash, baseId, noCache, text -> {});
            } catch (RuntimeException e) {
                // e.g. the data directory cannot be written: forget the build, the next grading tries again
                LOG.error("the build of {} for {} broke: {}", queued.tag(), key, e.toString());
                known.remove(hash);
            }
        });
        if (!accepted) {
            known.remove(hash, queued);
        }
    }

    private BuildRecord runBuild(
            AssignmentKey key,
            EnvironmentSpec spec,
            String hash,
            String baseId,
            boolean noCache,
            Consumer<String> progress) {
        BuildRecord building = BuildRecord.queued(hash).started(clock.instant());
        known.put(hash, building);
        records.write(building);
        String tag = building.tag();
        LOG.info("building the environment {} of {} FROM {}", tag, key, spec.base());
        BuildRecord done;
        try (BuildRecords.BuildLog log = records.openLog(hash)) {
            Consumer<String> out = text -> {
                log.append(text);
                progress.accept(text);
            };
            out.accept("# environment " + tag + " of " + key + ", FROM " + spec.base() + " (" + baseId + ")\n");
            try {
                String id = builder.build(spec, hash, baseId, noCache, out);
                done = building.ready(clock.instant());
                out.accept("# built " + tag + " (" + id + ")\n");
                LOG.info("built the environment {} of {}", tag, key);
            } catch (EnvironmentBuildException e) {
                out.accept("# FAILED: " + e.getMessage() + "\n");
                if (Thread.currentThread().isInterrupted() || !e.specAtFault() || !images.dockerAnswers()) {
                    // The service is stopping, or Docker failed under the build (or went away): not the
                    // spec's fault; the build starts again when a grading or the next start needs it.
                    LOG.warn("the build of {} broke off ({}); it starts again when needed", tag, e.getMessage());
                    known.remove(hash);
                    records.write(BuildRecord.none(hash));
                    return building.failed(clock.instant(), "the build broke off: " + e.getMessage());
                }
                done = building.failed(clock.instant(), e.getMessage());
                LOG.error(
                        "the environment {} of {} failed to build ({}); its log is {}; its submissions wait "
                                + "until the spec is fixed or an instructor rebuilds it",
                        tag,
                        key,
                        e.getMessage(),
                        records.log(hash));
            }
        }
        known.put(hash, done);
        records.write(done);
        if (done.status() == BuildRecord.Status.READY) {
            readyListeners.forEach(Environments::runQuietly);
        }
        return done;
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("after an environment build: {}", e.toString());
        }
    }

    private static String failure(BuildRecord r) {
        return "the build of " + r.tag() + " failed: " + r.error().orElse("see its log");
    }

    private boolean execute(Runnable task) {
        try {
            builds.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // stopping
        }
    }

    /** Stops building: a build under way is cut off and starts again after the next start. */
    @Override
    public void close() {
        builds.shutdownNow();
        try {
            builds.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
