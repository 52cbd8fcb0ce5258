package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gofer.db.Database;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.GoferHttp;
import org.gofer.testsupport.ServiceProcess;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service, killed with SIGKILL while concurrent clients submit: every submission that was
 * answered 202 has its row and its notebook file afterwards, byte for byte, and the submissions
 * shared transactions (group commit) while they arrived together.
 */
@EnabledIfDocker
class IntakeCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 16;

    @TempDir
    Path tmp;

    @Test
    void everySubmissionAnswered202SurvivesKillNine() throws Exception {
        Map<String, String> env = ServiceProcess.localEnv(tmp, "intake-crash-it", "teacher-token:teacher:instructor");
        env.put("GOFER_WORKERS", "0"); // intake only: nothing moves the rows on
        Map<Long, String> accepted = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        double batches;
        double committed;
        try (ServiceProcess service = new ServiceProcess(env, tmp.resolve("service.log"))) {
            service.start();
            GoferHttp http = new GoferHttp(service.base(), "teacher-token");
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> submitUntilStopped(http, client, stop, accepted));
                t.start();
                clients.add(t);
            }
            Thread.sleep(3_000);
            String metrics = http.get("metrics").body();
            batches = metric(metrics, "gofer_intake_batches_total");
            committed = metric(metrics, "gofer_intake_submissions_total");
            Thread.sleep(500);
            service.kill();
            stop.set(true);
            for (Thread t : clients) {
                t.join(60_000);
                assertThat(t.isAlive()).isFalse();
            }
        }

        assertThat(committed).as("submissions before the scrape").isGreaterThan(CLIENTS);
        assertThat(batches)
                .as("%s submissions from %d concurrent clients shared transactions", committed, CLIENTS)
                .isLessThan(committed);
        assertThat(accepted).hasSizeGreaterThan(CLIENTS);
        Jdbi jdbi = Database.open(tmp.resolve("gradebook.db"));
        for (Map.Entry<Long, String> e : accepted.entrySet()) {
            Optional<String> sha =
                    jdbi.withHandle(h -> h.createQuery("SELECT notebook_sha256 FROM submissions WHERE id = ?")
                            .bind(0, e.getKey())
                            .mapTo(String.class)
                            .findOne());
            assertThat(sha).as("row of submission %d, answered 202", e.getKey()).contains(e.getValue());
            Path file = tmp.resolve("data/notebooks")
                    .resolve(e.getValue().substring(0, 2))
                    .resolve(e.getValue() + ".ipynb");
            assertThat(sha256(Files.readAllBytes(file)))
                    .as("notebook of %d", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    /** Submits unique notebooks until told to stop or the service is gone; records each 202. */
    private static void submitUntilStopped(GoferHttp http, int client, AtomicBoolean stop, Map<Long, String> accepted) {
        for (int i = 0; i < 100_000 && !stop.get(); i++) {
            byte[] nb = Fixtures.notebook(
                            "demo-course", "fall-2026", "lab01-gofer", "x = " + client + " * 1000003 + " + i)
                    .getBytes(StandardCharsets.UTF_8);
            try {
                HttpResponse<String> r = http.submit(nb);
                if (r.statusCode() == 202) {
                    accepted.put(JSON.readTree(r.body()).get("id").asLong(), sha256(nb));
                }
            } catch (Exception e) {
                return; // the service was killed under this request: it was never answered 202
            }
        }
    }

    private static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in\n" + text);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
