package org.gofer.environment;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What is known about one environment (one hash). Immutable.
 *
 * @param hash the content hash (64 hex digits)
 * @param status where its build stands
 * @param started when the build began (empty while it waits behind another build)
 * @param finished when the build ended
 * @param error why it failed, in one line
 */
public record BuildRecord(
        String hash, Status status, Optional<Instant> started, Optional<Instant> finished, Optional<String> error) {

    /** The states the API reports: {@code none|building|ready|failed}. */
    public enum Status {
        NONE,
        BUILDING,
        READY,
        FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String tag() {
        return EnvironmentHash.tag(hash);
    }

    static BuildRecord none(String hash) {
        return new BuildRecord(hash, Status.NONE, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static BuildRecord queued(String hash) {
        return new BuildRecord(hash, Status.BUILDING, Optional.empty(), Optional.empty(), Optional.empty());
    }

    BuildRecord started(Instant at) {
        return new BuildRecord(hash, Status.BUILDING, Optional.of(at), Optional.empty(), Optional.empty());
    }

    BuildRecord ready(Instant at) {
        return new BuildRecord(hash, Status.READY, started, Optional.of(at), Optional.empty());
    }

    BuildRecord failed(Instant at, String why) {
        return new BuildRecord(hash, Status.FAILED, started, Optional.of(at), Optional.of(why));
    }
}
