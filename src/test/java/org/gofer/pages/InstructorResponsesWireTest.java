package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.submission.SubmissionStatus;
import org.junit.jupiter.api.Test;

/** The instructor API's JSON answers, byte for byte as scripts read them. */
class InstructorResponsesWireTest {
    private static String wire(Object body) throws Exception {
        return Json.snakeCase().writeValueAsString(body);
    }

    @Test
    void regradeOfOneSubmissionNamesItAndLeavesLinksOut() throws Exception {
        assertThat(wire(new InstructorResponses.Regrade(12L, "data8/fa26/lab01", null, 1)))
                .isEqualTo("{\"submission\":12,\"assignment\":\"data8/fa26/lab01\",\"requeued\":1}");
    }

    @Test
    void regradeOfAnAssignmentLinksToItsProgress() throws Exception {
        var link = new InstructorResponses.ProgressLink("/g/api/assignments/data8/fa26/lab01/progress");

        assertThat(wire(new InstructorResponses.Regrade(null, "data8/fa26/lab01", link, 0)))
                .isEqualTo("{\"assignment\":\"data8/fa26/lab01\",\"links\":{"
                        + "\"progress\":\"/g/api/assignments/data8/fa26/lab01/progress\"},\"requeued\":0}");
    }

    @Test
    void progressCountsEveryStateAndIsDoneWhenNothingWaits() throws Exception {
        Map<SubmissionStatus, Long> counts = new EnumMap<>(SubmissionStatus.class);
        counts.put(SubmissionStatus.QUEUED, 0L);
        counts.put(SubmissionStatus.RUNNING, 0L);
        counts.put(SubmissionStatus.GRADED, 5L);
        counts.put(SubmissionStatus.FAILED, 2L);
        assertThat(wire(InstructorResponses.Progress.of("data8/fa26/lab01", counts)))
                .isEqualTo("{\"assignment\":\"data8/fa26/lab01\",\"queued\":0,\"running\":0,\"graded\":5,"
                        + "\"failed\":2,\"total\":7,\"done\":true}");

        counts.put(SubmissionStatus.RUNNING, 1L);
        assertThat(wire(InstructorResponses.Progress.of("data8/fa26/lab01", counts)))
                .endsWith("\"running\":1,\"graded\":5,\"failed\":2,\"total\":8,\"done\":false}");
    }

    @Test
    void queueListsItsEntriesWithNullsKept() throws Exception {
        var running = new QueueMonitor.Entry(3, "0a1b", "data8/fa26/lab01", Optional.of(Instant.EPOCH), null);
        var queue = new InstructorResponses.Queue(1, 1, 4, 0, null, List.of(running), List.of(), List.of());

        assertThat(wire(queue))
                .isEqualTo("{\"queued\":1,\"running\":1,\"graded\":4,\"failed\":0,\"oldest_queued\":null,"
                        + "\"being_graded\":[{\"id\":3,\"username\":\"0a1b\",\"assignment\":\"data8/fa26/lab01\","
                        + "\"at\":\"1970-01-01T00:00:00Z\",\"note\":null}],\"retrying\":[],\"recent_failures\":[]}");
    }

    @Test
    void distributionGivesBinsTheirWidthAndTheStudentCount() throws Exception {
        int[] bins = {0, 0, 0, 0, 0, 1, 0, 2, 0, 3};

        assertThat(wire(InstructorResponses.Distribution.of("data8/fa26/lab01", bins)))
                .isEqualTo("{\"assignment\":\"data8/fa26/lab01\",\"bin_width_percent\":10,"
                        + "\"bins\":[0,0,0,0,0,1,0,2,0,3],\"students\":6}");
    }

    @Test
    void releaseEchoesTheSwitch() throws Exception {
        assertThat(wire(new InstructorResponses.Release("data8/fa26/lab01", true)))
                .isEqualTo("{\"assignment\":\"data8/fa26/lab01\",\"released\":true}");
    }
}
