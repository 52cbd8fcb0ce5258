package org.gofer.result;

/**
 * One question's outcome, as {@code gofer grade --json} and the API print it.
 *
 * @param name the test's name (q1)
 * @param score points earned
 * @param maxScore points possible
 * @param hidden true when the test has hidden cases; students see hidden tests only as a count
 * @param passed true when every point was earned
 * @param message feedback for the student (for hidden tests: for instructors only)
 */
public record TestResult(String name, double score, double maxScore, boolean hidden, boolean passed, String message) {}
