package org.gofer.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.gofer.db.Database;
import org.gofer.testsupport.DockerCli;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.GoferHttp;
import org.gofer.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attack notebook of {@code src/test/resources/submissions/} goes through the real service
 * and the real grading image at once, beside two honest submissions, and must end as
 * {@code EXPECTED.json} says: no score raised, the reason recorded, hostile input refused at intake,
 * the service healthy, the honest submissions graded right, no container left. Subclasses run the
 * same suite on another executor.
 */
@EnabledIfDocker
class AttackSuiteIT {
    private static final Path FIXTURES = Path.of("src/test/resources/submissions");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyAttackFailsWhileHonestWorkIsGradedRight() throws Exception {
        JsonNode expected = JSON.readTree(FIXTURES.resolve("EXPECTED.json").toFile());
        Map<String, String> env = ServiceProcess.localEnv(
                tmp, "attack-it", "mallory-token:mallory,honest-token:honest,teacher-token:teacher:instructor");
        env.put("GOFER_SANDBOX_MEMORY_MB", "512");
        env.put("GOFER_SANDBOX_PIDS", "128");
        env.put("GOFER_SANDBOX_TIMEOUT_SECONDS", "90");
        env.putAll(executorEnv());
        String deployment = env.get("GOFER_DEPLOYMENT");
        SoftAssertions soft = new SoftAssertions();
        try (ServiceProcess service = new ServiceProcess(env, tmp.resolve("service.log"))) {
            service.start();
            GoferHttp mallory = new GoferHttp(service.base(), "mallory-token");
            GoferHttp honest = new GoferHttp(service.base(), "honest-token");
            GoferHttp teacher = new GoferHttp(service.base(), "teacher-token");
            Path solution = FIXTURES.resolve("passes-all.ipynb");
            long honestFirst = honest.submitAccepted(solution);

            Map<String, Long> accepted = new LinkedHashMap<>();
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                JsonNode want = expected.get(name);
                HttpResponse<String> r = mallory.submit(FIXTURES.resolve(name));
                if (want.path("status").asText().equals("rejected")) {
                    soft.assertThat(r.statusCode())
                            .as("%s refused at intake", name)
                            .isBetween(400, 499);
                    soft.assertThat(JSON.readTree(r.body()).path("error").asText())
                            .as("%s error message", name)
                            .containsIgnoringCase(want.path("reason_contains").asText());
                } else {
                    soft.assertThat(r.statusCode())
                            .as("%s accepted: %s", name, r.body())
                            .isEqualTo(202);
                    accepted.put(name, JSON.readTree(r.body()).path("id").asLong());
                }
            }
            long honestLast = honest.submitAccepted(solution);
            int rows = Database.connect(tmp.resolve("gradebook.db"))
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM submissions")
                            .mapTo(Integer.class)
                            .one());
            soft.assertThat(rows)
                    .as("rows stored: rejected input stores nothing")
                    .isEqualTo(accepted.size() + 2);

            for (long id : List.of(honestFirst, honestLast)) {
                JsonNode r = honest.awaitFinal(id, Duration.ofMinutes(10));
                soft.assertThat(r.path("score").asDouble())
                        .as("honest submission %s", id)
                        .isEqualTo(3.0);
            }
            for (Map.Entry<String, Long> e : accepted.entrySet()) {
                JsonNode got = teacher.awaitFinal(e.getValue(), Duration.ofMinutes(10));
                check(soft, e.getKey(), expected.get(e.getKey()), got, artifacts(e.getValue()));
            }
            soft.assertThat(honest.get("health").statusCode())
                    .as("service healthy after the attacks")
                    .isEqualTo(200);
        }
        soft.assertThat(leftBehind(deployment)).as("containers left").isEmpty();
        soft.assertAll();
    }

    /** The variables that choose the executor under test: none for Docker, the default. */
    protected Map<String, String> executorEnv() {
        return Map.of();
    }

    /** What of the deployment's gradings still exists after the service stopped. */
    protected List<String> leftBehind(String deployment) throws Exception {
        return DockerCli.containersWithLabel("gofer.deployment=" + deployment);
    }

    private static void check(SoftAssertions soft, String name, JsonNode want, JsonNode got, String artifacts) {
        List<String> statuses = List.of(want.path("status").asText().split("\\|"));
        soft.assertThat(got.path("status").asText())
                .as("%s status (%s)", name, got.path("reason").asText())
                .isIn(statuses);
        double score = got.path("score").asDouble();
        boolean suspicious =
                got.path("suspicious").isArray() && !got.path("suspicious").isEmpty();
        if (want.path("suspicious").asBoolean(false)) {
            soft.assertThat(suspicious).as("%s reported as suspicious", name).isTrue();
            soft.assertThat(score).as("%s: a suspicious grading scores 0", name).isZero();
        } else if (want.has("suspicious")) {
            soft.assertThat(suspicious)
                    .as("%s must not be flagged: %s", name, got.path("suspicious"))
                    .isFalse();
        }
        if (want.has("score") && !want.path("suspicious").asBoolean(false)) {
            soft.assertThat(score)
                    .as("%s score", name)
                    .isEqualTo(want.get("score").asDouble());
        }
        if (want.has("score_at_most")) {
            soft.assertThat(score)
                    .as("%s score at most", name)
                    .isLessThanOrEqualTo(want.get("score_at_most").asDouble());
        }
        if (want.has("max_score") && got.path("status").asText().equals("graded")) {
            soft.assertThat(got.path("max_score").asDouble())
                    .as("%s max", name)
                    .isEqualTo(want.get("max_score").asDouble());
        }
        if (want.has("reason_contains")) {
            soft.assertThat(got.path("reason").asText() + got.path("suspicious"))
                    .as("%s reason", name)
                    .containsIgnoringCase(want.get("reason_contains").asText());
        }
        if (want.has("errors_contain")) {
            soft.assertThat(got.path("errors").toString())
                    .as("%s cell errors", name)
                    .contains(want.get("errors_contain").asText());
        }
        if (want.has("limits_hit_contains")) {
            soft.assertThat(got.path("limits_hit").toString())
                    .as("%s limits hit", name)
                    .contains(want.get("limits_hit_contains").asText());
        }
        for (JsonNode forbidden : want.path("output_not_contains")) {
            soft.assertThat(artifacts).as("%s output", name).doesNotContain(forbidden.asText());
        }
    }

    /** Everything kept of one grading (container log, results) as text. */
    private String artifacts(long id) throws java.io.IOException {
        Path root = tmp.resolve("data/submissions");
        if (!Files.isDirectory(root)) {
            return "";
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(p ->
                            p.getParent().getFileName().toString().equals(Long.toString(id)) && Files.isRegularFile(p))
                    .toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return String.join("\n", out);
    }
}
