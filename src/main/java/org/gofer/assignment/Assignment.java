package org.gofer.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One assignment as its directory under {@code notebooks-tests/} describes it, read fresh for
 * every grading so that a fixed test takes effect at the next (re)grade.
 *
 * @param key course/section/name
 * @param directory the assignment's directory
 * @param settings what {@code assignment.json} says (defaults when absent)
 * @param tests the OK-format test files, sorted by path
 * @param supportFiles every other file to place beside the notebook (never notebooks or tests)
 */
public record Assignment(
        AssignmentKey key, Path directory, Settings settings, List<SourceFile> tests, List<SourceFile> supportFiles) {

    /** How scores combine into the gradebook's one number per student and assignment. */
    public enum Policy {
        BEST,
        LATEST
    }

    /**
     * @param title shown to people; defaults to the assignment's name
     * @param scoring "gofer" or "otter"; detected from the tests when assignment.json is silent
     * @param policy keep the best or the latest score
     * @param deadlines when submissions open, are due and close, and the late penalty ({@link Deadlines})
     * @param image grading image for this assignment, else the service's default
     * @param limits overrides of the sandbox defaults
     * @param lti the assignment's LTI settings, read by the lti stage (may be missing)
     * @param seeding otter's intercell seeding ({@code seed}, {@code seed_variable}); none by default
     * @param environment what to install on top of the grading image, when anything
     * @param leaderboard whether students see a leaderboard of the assignment (off unless asked for)
     * @param attempts how often a student may submit ({@code max_submissions}, {@code min_interval_seconds})
     */
    public record Settings(
            String title,
            String scoring,
            Policy policy,
            Deadlines deadlines,
            Optional<String> image,
            Limits limits,
            JsonNode lti,
            Seeding seeding,
            Optional<Environment> environment,
            boolean leaderboard,
            Attempts attempts) {

        /** The due date (assignment.json's {@code due_at} or {@code deadline}), when set. */
        public Optional<Instant> deadline() {
            return deadlines.dueAt();
        }
    }

    /**
     * Limits on a student's submissions to the assignment, checked at intake in the transaction that
     * stores the submission. Instructors' regrades are not submissions and do not count.
     *
     * @param maxSubmissions how many submissions a student may make in all; empty: no limit
     * @param minInterval how long a student waits after a submission before the next; empty: no wait
     */
    public record Attempts(Optional<Integer> maxSubmissions, Optional<java.time.Duration> minInterval) {
        public static Attempts none() {
            return new Attempts(Optional.empty(), Optional.empty());
        }

        public boolean limited() {
            return maxSubmissions.isPresent() || minInterval.isPresent();
        }
    }

    /**
     * What the assignment's {@code "environment"} adds to its grading image (the image is
     * {@link Settings#image()}, which {@code environment.base} sets). Present only when there is
     * something to install. Validated by {@link EnvironmentSettings}.
     *
     * @param requirementsPath the requirements file relative to the assignment directory, when one is used
     * @param requirements that file's bytes (empty without one)
     * @param apt Debian packages, sorted and without duplicates
     */
    public record Environment(Optional<String> requirementsPath, byte[] requirements, List<String> apt) {}

    /**
     * otter-grader's intercell seeding: with only a seed, {@code random} and {@code numpy.random}
     * are seeded before every cell; with a variable as well, that notebook variable is set to the
     * seed before every cell instead.
     */
    public record Seeding(Optional<Long> seed, Optional<String> variable) {
        public static Seeding none() {
            return new Seeding(Optional.empty(), Optional.empty());
        }
    }

    /** Per-assignment overrides; empty means "use the service's default". */
    public record Limits(
            Optional<Long> memoryMb,
            Optional<Double> cpus,
            Optional<Long> pids,
            Optional<Long> timeoutSeconds,
            Optional<Long> cellTimeoutSeconds,
            Optional<Long> outputBytes) {
        public static Limits none() {
            return new Limits(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /** A file relative to the assignment directory ('/'-separated) and its bytes. */
    public record SourceFile(String path, byte[] content) {}
}
