package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.junit.jupiter.api.Test;

class JobLineEncoderTest {
    private static final RunSecret SECRET = new RunSecret("0f".repeat(32));

    @Test
    void writesOneLineInTheContractsShape() throws Exception {
        byte[] line = new JobLineEncoder().encode(job("{\"cells\": [], \"note\": \"two\\nlines\"}"), SECRET);

        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(Arrays.copyOf(line, line.length - 1)).doesNotContain((byte) '\n');
        JsonNode job = new ObjectMapper().readTree(line);
        assertThat(job.path("protocol").asInt()).isEqualTo(1);
        assertThat(job.path("secret").asText()).isEqualTo(SECRET.hex());
        assertThat(job.path("assignment").asText()).isEqualTo("c/s/a");
        assertThat(job.path("notebook").isObject()).isTrue();
        assertThat(job.path("notebook").path("note").asText()).isEqualTo("two\nlines");
        assertThat(job.path("files").get(0).path("path").asText()).isEqualTo("data/x.bin");
        assertThat(job.path("files").get(0).path("content_b64").asText()).isEqualTo("AAH/");
        assertThat(job.path("tests").get(0).path("source").asText()).isEqualTo("test = {}\n");
        assertThat(job.path("scoring").asText()).isEqualTo("otter");
        assertThat(job.path("seed").isNull()).isTrue();
        JsonNode limits = job.path("limits");
        assertThat(limits.path("cell_timeout_s").asLong()).isEqualTo(30);
        assertThat(limits.path("output_bytes").asLong()).isEqualTo(1_000_000);
        assertThat(limits.path("open_files").asInt()).isEqualTo(256);
    }

    @Test
    void theHarnessBudgetsFitInsideTheWallClock() {
        for (long seconds : new long[] {1, 3, 10, 60, 300, 3600}) {
            SandboxLimits limits = new SandboxLimits(1024, 1, 256, Duration.ofSeconds(seconds), 256, 30, 1000);
            JsonNode node = JobLineEncoder.limits(limits);
            long used = node.path("notebook_timeout_s").asLong()
                    + node.path("test_timeout_s").asLong();
            assertThat(used).as("%d s", seconds).isLessThan(Math.max(3, seconds));
            assertThat(node.path("cell_timeout_s").asLong())
                    .isLessThanOrEqualTo(node.path("notebook_timeout_s").asLong());
            assertThat(node.path("notebook_timeout_s").asLong()).isPositive();
        }
    }

    @Test
    void carriesOttersSeedingWhenTheAssignmentHasIt() throws Exception {
        SandboxJob plain = job("{\"cells\": []}");
        SandboxJob seeded = new SandboxJob(
                plain.submissionId(),
                plain.assignment(),
                plain.notebook(),
                plain.tests(),
                plain.supportFiles(),
                plain.scoring(),
                plain.image(),
                plain.limits(),
                new Assignment.Seeding(Optional.of(42L), Optional.of("rng_seed")));

        JsonNode job = new ObjectMapper().readTree(new JobLineEncoder().encode(seeded, SECRET));

        assertThat(job.path("seed").asLong()).isEqualTo(42);
        assertThat(job.path("seed_variable").asText()).isEqualTo("rng_seed");
        assertThat(new ObjectMapper()
                        .readTree(new JobLineEncoder().encode(plain, SECRET))
                        .has("seed_variable"))
                .isFalse();
    }

    @Test
    void aNotebookThatIsNotAJsonObjectIsRefused() {
        JobLineEncoder encoder = new JobLineEncoder();
        assertThatThrownBy(() -> encoder.encode(job("[1, 2]"), SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> encoder.encode(job("{\"cells\": "), SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    private static SandboxJob job(String notebook) {
        return new SandboxJob(
                1,
                "c/s/a",
                notebook.getBytes(StandardCharsets.UTF_8),
                List.of(new Assignment.SourceFile("tests/q1.py", "test = {}\n".getBytes(StandardCharsets.UTF_8))),
                List.of(new Assignment.SourceFile("data/x.bin", new byte[] {0, 1, (byte) 0xff})),
                "otter",
                "img",
                SandboxLimits.defaults());
    }
}
