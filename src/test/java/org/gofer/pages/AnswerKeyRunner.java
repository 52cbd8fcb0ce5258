package org.gofer.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gofer.assignment.Assignment;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;

/**
 * A stand-in sandbox: a test file {@code expect = "text"} passes when the notebook contains that
 * text; {@code hidden = True} marks it hidden. Rewriting a test file and regrading changes the
 * scores, as fixing a real test would. A notebook containing {@code raise } reports a cell error
 * with the text after it. Thread-safe.
 */
final class AnswerKeyRunner implements SandboxRunner {
    private static final Pattern EXPECT = Pattern.compile("expect = \"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public SandboxOutcome run(SandboxJob job) {
        runs.incrementAndGet();
        String notebook = new String(job.notebook(), StandardCharsets.UTF_8);
        List<Map<String, Object>> tests = new ArrayList<>();
        double score = 0;
        for (Assignment.SourceFile f : job.tests()) {
            String text = new String(f.content(), StandardCharsets.UTF_8);
            Matcher m = EXPECT.matcher(text);
            boolean passed = m.find() && notebook.contains(m.group(1));
            boolean hidden = text.contains("hidden = True");
            String name = f.path().replaceAll("^tests/|\\.py$", "");
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", name);
            t.put("score", passed ? 1 : 0);
            t.put("max_score", 1);
            t.put("hidden", hidden);
            t.put("passed", passed);
            t.put("message", passed ? name + " passed" : name + " failed: SECRET-DETAIL-" + name);
            tests.add(t);
            score += passed ? 1 : 0;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "graded");
        result.put("score", score);
        result.put("max_score", tests.size());
        result.put("scoring", "gofer");
        result.put("tests", tests);
        // a notebook that raises names itself in the cell error, as a harness reports the exception's text
        result.put(
                "errors",
                raised(job.notebook())
                        .map(e -> List.of(Map.of("cell", 2, "ename", "ValueError", "evalue", e)))
                        .orElse(List.of()));
        result.put("suspicious", List.of());
        result.put("reason", null);
        result.put("limits_hit", List.of());
        try {
            return new SandboxOutcome(
                    SandboxOutcome.Kind.COMPLETED,
                    Optional.of(JSON.writeValueAsString(result)),
                    Optional.of(0),
                    "harness: ran " + tests.size() + " tests for submission " + job.submissionId()
                            + "\n<script>alert('log')</script>\n",
                    Duration.ofMillis(5),
                    "");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text after {@code raise } on a line of a cell's source, if any. */
    private static Optional<String> raised(byte[] notebook) {
        try {
            for (var cell : JSON.readTree(notebook).path("cells")) {
                for (String line : cell.path("source").asText("").split("\n")) {
                    if (line.startsWith("raise ")) {
                        return Optional.of(line.substring(6));
                    }
                }
            }
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean healthy() {
        return true;
    }
}
