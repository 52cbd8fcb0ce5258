package org.gofer.submission;

/**
 * What intake's group commit did in this process.
 *
 * @param batches transactions committed, each holding one or more submissions
 * @param submissions submissions committed in them
 */
public record IntakeStats(long batches, long submissions) {}
