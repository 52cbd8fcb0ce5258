package org.gofer.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradingArtifactsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "alice|alice",
                "a.b-c_d|a.b-c_d",
                "..|_..",
                ".hidden|_.hidden",
                "a/../../etc|a%002f..%002f..%002fetc",
                "x\\y|x%005cy",
                "jos\u00e9|jos%00e9",
                "a b|a%0020b",
            })
    void userNamesBecomeOneSafePathSegment(String user, String expected) {
        assertThat(GradingArtifacts.safe(user)).isEqualTo(expected);
    }

    @Test
    void directoryMirrorsAssignmentUserAndId() {
        Submission s = new Submission(
                42,
                "../bob",
                "data8x/fa24/lab01",
                "0".repeat(64),
                "api",
                Instant.EPOCH,
                SubmissionStatus.GRADED,
                1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
        Path data = Path.of("/srv/gofer-data");

        Path dir = new GradingArtifacts(data).directoryOf(s);

        assertThat(dir).isEqualTo(data.resolve("submissions/data8x/fa24/lab01/_..%002fbob/42"));
        assertThat(dir.normalize()).startsWithRaw(data.resolve("submissions"));
    }
}
