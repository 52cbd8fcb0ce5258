package org.gofer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.assignment.AssignmentKey;
import org.gofer.environment.BuildRecord;
import org.gofer.environment.EnvironmentSpec;
import org.gofer.environment.EnvironmentStatus;
import org.junit.jupiter.api.Test;

/**
 * The web routes' JSON answers, byte for byte as scripts and the hub read them: names, order,
 * nulls and types through the service's one snake_case mapper.
 */
class ResponseRecordsWireTest {
    private static final AssignmentKey KEY = AssignmentKey.of("data8", "fa26", "lab01");
    private static final String PREFIX = "/services/gofer/";

    private static String wire(Object body) throws Exception {
        return Json.snakeCase().writeValueAsString(body);
    }

    @Test
    void environmentViewOfABuiltEnvironmentShowsItsSpecTimesAndLinks() throws Exception {
        EnvironmentSpec spec = new EnvironmentSpec(
                "gofer-grader:latest",
                List.of("graphviz"),
                Optional.of("requirements.txt"),
                "numpy==2.1\n".getBytes(StandardCharsets.UTF_8));
        BuildRecord record = new BuildRecord(
                "ab12",
                BuildRecord.Status.READY,
                Optional.of(Instant.parse("2026-03-01T10:00:00Z")),
                Optional.of(Instant.parse("2026-03-01T10:02:30Z")),
                Optional.empty());
        EnvironmentStatus status = new EnvironmentStatus(
                Optional.of(record), Optional.of(spec), "gofer-env:ab12", Optional.empty(), "Successfully built\n");

        assertThat(wire(EnvironmentView.of(KEY, status, PREFIX)))
                .isEqualTo("{\"assignment\":\"data8/fa26/lab01\",\"status\":\"ready\",\"image\":\"gofer-env:ab12\","
                        + "\"hash\":\"ab12\",\"spec\":{\"base\":\"gofer-grader:latest\",\"apt\":[\"graphviz\"],"
                        + "\"requirements\":\"requirements.txt\",\"requirements_text\":\"numpy==2.1\\n\"},"
                        + "\"started\":\"2026-03-01T10:00:00Z\",\"finished\":\"2026-03-01T10:02:30Z\",\"error\":null,"
                        + "\"log_tail\":\"Successfully built\\n\",\"links\":{"
                        + "\"self\":\"/services/gofer/api/assignments/data8/fa26/lab01/environment\","
                        + "\"log\":\"/services/gofer/api/assignments/data8/fa26/lab01/environment/log\"}}");
    }

    @Test
    void environmentViewWithoutSpecOrBuildKeepsEveryFieldAsNull() throws Exception {
        EnvironmentStatus status = new EnvironmentStatus(
                Optional.empty(),
                Optional.empty(),
                "gofer-grader:latest",
                Optional.of("assignment.json is broken"),
                "");

        assertThat(wire(EnvironmentView.of(KEY, status, PREFIX)))
                .isEqualTo("{\"assignment\":\"data8/fa26/lab01\",\"status\":\"none\",\"image\":\"gofer-grader:latest\","
                        + "\"hash\":null,\"spec\":null,\"started\":null,\"finished\":null,"
                        + "\"error\":\"assignment.json is broken\",\"log_tail\":\"\",\"links\":{"
                        + "\"self\":\"/services/gofer/api/assignments/data8/fa26/lab01/environment\","
                        + "\"log\":\"/services/gofer/api/assignments/data8/fa26/lab01/environment/log\"}}");
    }

    @Test
    void healthSaysWhichCheckFailed() throws Exception {
        assertThat(wire(HealthController.Health.of(true, true)))
                .isEqualTo("{\"status\":\"ok\",\"database\":\"ok\",\"docker\":\"ok\"}");
        assertThat(wire(HealthController.Health.of(true, false)))
                .isEqualTo("{\"status\":\"unavailable\",\"database\":\"ok\",\"docker\":\"unavailable\"}");
    }

    @Test
    void indexLeavesTheGradebookLinkOutForStudents() throws Exception {
        IndexController.Links student =
                new IndexController.Links("/g/submit", "/g/api/submissions", "/g/api/session", null);
        IndexController.Links instructor =
                new IndexController.Links("/g/submit", "/g/api/submissions", "/g/api/session", "/g/api/gradebook.csv");

        assertThat(wire(new IndexController.Index("gofer", "0a1b", false, student)))
                .isEqualTo("{\"service\":\"gofer\",\"user\":\"0a1b\",\"instructor\":false,\"links\":{"
                        + "\"submit\":\"/g/submit\",\"submissions\":\"/g/api/submissions\","
                        + "\"session\":\"/g/api/session\"}}");
        assertThat(wire(new IndexController.Index("gofer", "prof", true, instructor)))
                .isEqualTo("{\"service\":\"gofer\",\"user\":\"prof\",\"instructor\":true,\"links\":{"
                        + "\"submit\":\"/g/submit\",\"submissions\":\"/g/api/submissions\","
                        + "\"session\":\"/g/api/session\",\"gradebook\":\"/g/api/gradebook.csv\"}}");
    }

    @Test
    void sessionKeepsANullXsrfForTokenCallers() throws Exception {
        assertThat(wire(new OAuthController.SessionView("prof", true, "token", null)))
                .isEqualTo("{\"name\":\"prof\",\"instructor\":true,\"auth_via\":\"token\",\"xsrf\":null}");
    }

    @Test
    void passbackResendAndErrorsKeepTheirShapes() throws Exception {
        assertThat(wire(new LtiRoutes.Resent(42, "pending"))).isEqualTo("{\"id\":42,\"status\":\"pending\"}");
        assertThat(wire(new ErrorResponse("no such passback"))).isEqualTo("{\"error\":\"no such passback\"}");
    }

    @Test
    void acceptedSubmissionLinksToItself() throws Exception {
        var accepted = new SubmissionViews.Accepted(
                7, "queued", "data8/fa26/lab01", "received", SubmissionViews.SelfLink.of(7, PREFIX));

        assertThat(wire(accepted))
                .isEqualTo("{\"id\":7,\"status\":\"queued\",\"assignment\":\"data8/fa26/lab01\","
                        + "\"message\":\"received\",\"links\":{\"self\":\"/services/gofer/api/submissions/7\"}}");
    }
}
