package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link WarmContainerPool} per grading image in use: the default image's pool (its size from
 * {@code GOFER_WARM_CONTAINERS}) from the start, and a pool of one container for each other image
 * (an assignment's environment) created when a job first asks for it. At most
 * {@link #MAX_OTHER_IMAGES} other images are kept warm; the one used longest ago gives its place
 * up. Every pool is for the default container limits. Thread-safe.
 */
public final class WarmPools implements AutoCloseable {
    /** Environment images kept warm besides the default: each waiting container holds about 100 MB. */
    public static final int MAX_OTHER_IMAGES = 4;

    private final DockerClient docker;
    private final ActiveContainers active;
    private final String deployment;
    private final String defaultImage;
    private final SandboxLimits limits;
    private final int maxOtherImages;
    private final GradingLoad load;
    private final WarmContainerPool defaultPool;
    /** Access order: the first entry is the image used longest ago. */
    private final LinkedHashMap<String, WarmContainerPool> others = new LinkedHashMap<>(8, 0.75f, true);

    private boolean closed;

    /**
     * A pool of {@code size} for the default image, and pools for other images as they are used.
     *
     * @param maxOtherImages how many images besides the default keep a warm container
     *     ({@link #MAX_OTHER_IMAGES} for the service)
     * @param load the service's gradings: while every worker is busy, new containers import less
     */
    WarmPools(
            DockerClient docker,
            ActiveContainers active,
            String deployment,
            String defaultImage,
            SandboxLimits limits,
            int size,
            int maxOtherImages,
            GradingLoad load) {
        this(
                docker,
                active,
                deployment,
                defaultImage,
                limits,
                new WarmContainerPool(docker, active, deployment, defaultImage, limits, size, load),
                maxOtherImages,
                load);
    }

    private WarmPools(
            DockerClient docker,
            ActiveContainers active,
            String deployment,
            String defaultImage,
            SandboxLimits limits,
            WarmContainerPool defaultPool,
            int maxOtherImages,
            GradingLoad load) {
        this.docker = docker;
        this.active = active;
        this.deployment = deployment;
        this.defaultImage = defaultImage;
        this.limits = limits;
        this.defaultPool = defaultPool;
        this.maxOtherImages = maxOtherImages;
        this.load = load;
    }

    /** Only the given pool, no other images (tests of one pool). */
    static WarmPools only(WarmContainerPool pool) {
        return new WarmPools(null, null, null, pool.image(), pool.limits(), pool, 0, GradingLoad.unbounded());
    }

    /** A warm container of this image and container limits, when one is waiting. */
    Optional<WarmContainerPool.Warm> take(String image, SandboxLimits wanted) {
        if (image.equals(defaultImage)) {
            return defaultPool.take(image, wanted);
        }
        if (!limits.sameContainerAs(wanted) || maxOtherImages == 0) {
            return Optional.empty();
        }
        WarmContainerPool pool;
        List<WarmContainerPool> evicted = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return Optional.empty();
            }
            pool = others.get(image);
            if (pool == null) {
                // The first job of an image starts its pool (it fills in the background) and runs cold.
                others.put(image, new WarmContainerPool(docker, active, deployment, image, limits, 1, load));
                for (Iterator<Map.Entry<String, WarmContainerPool>> it =
                                others.entrySet().iterator();
                        others.size() - evicted.size() > maxOtherImages && it.hasNext(); ) {
                    evicted.add(it.next().getValue());
                    it.remove();
                }
            }
        }
        evicted.forEach(WarmContainerPool::close); // outside the lock: closing waits for the filler
        return pool == null ? Optional.empty() : pool.take(image, wanted);
    }

    /** Containers waiting now, in all pools. */
    public int ready() {
        int n = defaultPool.ready();
        synchronized (this) {
            for (WarmContainerPool p : others.values()) {
                n += p.ready();
            }
        }
        return n;
    }

    /** How many images have a pool now (the default's included). */
    public synchronized int images() {
        return 1 + others.size();
    }

    @Override
    public void close() {
        List<WarmContainerPool> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            all.addAll(others.values());
            others.clear();
        }
        all.add(defaultPool);
        all.forEach(WarmContainerPool::close);
    }
}
