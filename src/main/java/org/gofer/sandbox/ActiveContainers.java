package org.gofer.sandbox;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the containers this process is using right now (a grading in progress, a warm
 * container waiting), shared by the runner, the warm pool and the {@link OrphanSweeper}. A name is
 * registered <em>before</em> the container is created, so the sweeper can never remove a container
 * between its creation and its first use; everything else of this deployment is an orphan. Its
 * random {@link #instanceId()} is the {@code gofer.instance} label of every container this process
 * creates. Thread-safe; one per process.
 */
public final class ActiveContainers {
    private final String instanceId = UUID.randomUUID().toString();
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** The {@code gofer.instance} label value of this process's containers. */
    public String instanceId() {
        return instanceId;
    }

    /** Reserves a fresh container name, e.g. {@code gofer-3f2a...}. */
    String reserve() {
        String name = "gofer-" + UUID.randomUUID();
        names.add(name);
        return name;
    }

    void release(String name) {
        names.remove(name);
    }

    /** @param name a container name as Docker lists it, with or without its leading '/' */
    public boolean contains(String name) {
        return names.contains(name.startsWith("/") ? name.substring(1) : name);
    }

    public int size() {
        return names.size();
    }
}
