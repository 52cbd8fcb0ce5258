package org.gofer.submission;

import java.time.Instant;
import java.util.Optional;

/** How many submissions are in each state, and since when the oldest queued one has waited. */
public record QueueStats(long queued, long running, long graded, long failed, Optional<Instant> oldestQueued) {}
