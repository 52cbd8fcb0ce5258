package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.hub.HubHttp.location;
import static org.gofer.hub.HubHttp.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gofer as a managed service of a real JupyterHub (Debian's 3.0 and 5 from the venv), reached only through the hub's proxy:
 * tokens, the browser OAuth flow, who may read what, revocation.
 */
@EnabledIfHubStack
@ParameterizedClass(name = "on {0}")
@EnumSource(HubStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoferServiceIT {
    private static final String PREFIX = "/services/gofer/";
    private static final Duration GRADING_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path dir;

    @Parameter
    HubStack stack;

    static LocalHub hub;
    static HubHttp http;
    static String student1Token;
    static String student2Token;
    static String instructorToken;
    static long submissionId;

    @BeforeParameterizedClassInvocation
    static void startHub(HubStack stack) throws Exception {
        stack.assumeInstalled();
        hub = LocalHub.start(stack, dir.resolve(stack.name()), Map.of("GOFER_AUTH_CACHE_SECONDS", "2"));
        http = new HubHttp(hub);
        student1Token = http.mintToken("student1", hub.password).get("token").asText();
        student2Token = http.mintToken("student2", hub.password).get("token").asText();
        instructorToken =
                http.mintToken(LocalHub.INSTRUCTOR, hub.password).get("token").asText();
    }

    @AfterParameterizedClassInvocation
    static void stopHub() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    static Map<String, Object> notebookBody() throws IOException {
        Path nb = LocalHub.TESTS_DIR.resolve("hubdemo/s1/basics/basics.ipynb");
        return Map.of("nb", HubHttp.JSON.readValue(Files.readString(nb), Map.class));
    }

    @Test
    @Order(1)
    void studentTokenSubmitsAndReadsOwnGrade() throws Exception {
        HttpResponse<String> accepted = http.postJson(PREFIX + "submit", student1Token, notebookBody(), Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        submissionId = read(accepted.body()).get("id").asLong();

        JsonNode graded = awaitFinished(submissionId, student1Token);
        assertThat(graded.get("status").asText()).as(graded.toString()).isEqualTo("graded");
        assertThat(graded.get("user").asText()).isEqualTo("student1");
        assertThat(graded.get("score").asDouble() / graded.get("max_score").asDouble())
                .isEqualTo(0.5);
        assertThat(graded.get("tests"))
                .extracting(t -> t.get("name").asText() + ":" + t.get("passed").asBoolean())
                .containsExactly("q1:true", "q2:false");
    }

    @Test
    @Order(2)
    void anotherStudentCannotReadIt() {
        HttpResponse<String> r = http.get(PREFIX + "api/submissions/" + submissionId, student2Token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        HttpResponse<String> own = http.get(PREFIX + "api/submissions", student2Token);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).doesNotContain("student1");
    }

    @Test
    @Order(2)
    void noCredentialsGets401() throws Exception {
        assertThat(http.get(PREFIX + "api/submissions/" + submissionId, null).statusCode())
                .isEqualTo(401);
        assertThat(http.postJson(PREFIX + "submit", null, notebookBody(), Map.of())
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.get(PREFIX + "api/gradebook.csv", "0123456789abcdef0123456789abcdef")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(2)
    void dataEightRequestShapeIsAccepted() throws Exception {
        // data-8's gofer_submit POSTs {"nb": ...} as JSON to the service's root.
        HttpResponse<String> r = http.postJson(PREFIX, student2Token, notebookBody(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @Test
    @Order(3)
    void onlyTheInstructorGetsTheCsv() {
        HttpResponse<String> csv = http.get(PREFIX + "api/gradebook.csv", instructorToken);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().contains("text/csv");
        assertThat(csv.body()).contains("student1").contains("basics");
        assertThat(http.get(PREFIX + "api/gradebook.csv", student1Token).statusCode())
                .isEqualTo(403);
        HttpResponse<String> all = http.get(PREFIX + "api/submissions", instructorToken);
        assertThat(all.body()).contains("student1");
    }

    @Test
    @Order(4)
    void browserOAuthFlowGivesACookieThatWorks() throws Exception {
        HubHttp browser = new HubHttp(hub);
        String page = PREFIX + "api/submissions";
        HttpResponse<String> r = browser.send(browser.request(page).header("Accept", "text/html"));
        assertThat(r.statusCode()).as("unauthenticated browser GET").isEqualTo(302);
        assertThat(location(r)).startsWith(PREFIX + "login");

        r = browser.send(browser.request(location(r)));
        assertThat(r.statusCode()).isEqualTo(302);
        String authorize = location(r);
        assertThat(authorize).contains("/hub/api/oauth2/authorize").contains("client_id=service-gofer");

        r = browser.send(browser.request(authorize));
        assertThat(r.statusCode()).isEqualTo(302);
        String loginPage = location(r);
        assertThat(loginPage).contains("/hub/login");
        String form = browser.send(browser.request(loginPage)).body();
        assertThat(form).contains("password");

        // JupyterHub 4.1+ checks XSRF on its login form (the _xsrf field and cookie); 3.0 has neither.
        Map<String, String> fields = new java.util.HashMap<>(Map.of("username", "student1", "password", hub.password));
        HubHttp.formXsrf(form).ifPresent(x -> fields.put("_xsrf", x));
        r = browser.postForm(loginPage, fields);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        r = browser.send(browser.request(location(r)));
        assertThat(r.statusCode()).isEqualTo(302);
        String callback = location(r);
        assertThat(callback).startsWith(PREFIX + "oauth_callback?");

        r = browser.send(browser.request(callback));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(location(r)).isEqualTo(page);
        assertThat(browser.cookies.getCookieStore().getCookies())
                .anySatisfy(c -> assertThat(c.getName()).isEqualTo("service-gofer"));

        r = browser.get(page, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("student1");

        JsonNode session = read(browser.get(PREFIX + "api/session", null).body());
        assertThat(session.get("name").asText()).isEqualTo("student1");
        String xsrf = session.get("xsrf").asText();
        HttpResponse<String> noXsrf = browser.postJson(PREFIX + "submit", null, notebookBody(), Map.of());
        assertThat(noXsrf.statusCode())
                .as("cookie POST without the XSRF header")
                .isEqualTo(403);
        HttpResponse<String> ok =
                browser.postJson(PREFIX + "submit", null, notebookBody(), Map.of("X-Gofer-XSRF", xsrf));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    }

    @Test
    @Order(5)
    void revokedTokenStopsWorking() throws Exception {
        JsonNode minted = http.mintToken("student2", hub.password);
        String token = minted.get("token").asText();
        assertThat(http.get(PREFIX + "api/submissions", token).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = http.send(http.request(
                        "/hub/api/users/student2/tokens/" + minted.get("id").asText())
                .header("Authorization", "token " + student2Token)
                .DELETE());
        assertThat(revoked.statusCode()).isEqualTo(204);

        // Gofer trusts a resolved token for GOFER_AUTH_CACHE_SECONDS (2 here), then asks the hub again.
        Instant deadline = Instant.now().plusSeconds(20);
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            status = http.get(PREFIX + "api/submissions", token).statusCode();
        }
        assertThat(status).isEqualTo(401);
    }

    private static JsonNode awaitFinished(long id, String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(GRADING_TIMEOUT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.get(PREFIX + "api/submissions/" + id, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            last = read(r.body());
            String status = last.get("status").asText();
            if (status.equals("graded") || status.equals("failed")) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "submission " + id + " not graded within " + GRADING_TIMEOUT + ": " + last + "\n" + hub.tail());
    }
}
