package org.gofer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.web.WebFixture.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser path: OAuth through the (stand-in) hub with a cookie jar, the session cookie,
 * XSRF on cookie-authenticated writes, and the token cache letting revocations through.
 */
class HubSignInTest {
    @TempDir
    java.nio.file.Path dir;

    WebFixture web;

    @BeforeEach
    void start() {
        web = new WebFixture(dir, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void signInSetsTheSessionCookieAndReturnsToNext() {
        HttpResponse<String> login = web.send(web.request("login?next=%2Fservices%2Fgofer%2Fapi%2Fsession")
                .GET()
                .build());
        assertThat(login.statusCode()).isEqualTo(302);
        String authorize = login.headers().firstValue("Location").orElseThrow();
        assertThat(authorize)
                .startsWith("/hub/api/oauth2/authorize?client_id=service-gofer"
                        + "&redirect_uri=%2Fservices%2Fgofer%2Foauth_callback&response_type=code&state=");
        String stateCookie = login.headers().allValues("Set-Cookie").get(0);
        assertThat(stateCookie)
                .startsWith("service-gofer-oauth-state=")
                .contains("Path=/services/gofer/", "HttpOnly", "SameSite=Lax", "Max-Age=600");

        HttpResponse<String> landing = completeSignIn(authorize);

        assertThat(landing.statusCode()).isEqualTo(302);
        assertThat(landing.headers().firstValue("Location")).contains("/services/gofer/api/session");
        assertThat(landing.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("service-gofer=")
                        .contains("Path=/services/gofer/", "HttpOnly", "SameSite=Lax"));
        JsonNode session = web.body(web.send(web.request("api/session").GET().build()));
        assertThat(session.path("name").asText()).isEqualTo("alice");
        assertThat(session.path("auth_via").asText()).isEqualTo("cookie");
        assertThat(session.path("xsrf").asText()).hasSizeGreaterThan(20);
        assertThat(web.logs())
                .doesNotContain(cookie("service-gofer"))
                .doesNotContain(web.hub.oauthTokens().get(0))
                .doesNotContain(authorize.replaceAll(".*state=", ""));
    }

    @Test
    void aStateThatDoesNotMatchTheCookieIs403() {
        HttpResponse<String> login = web.send(web.request("login").GET().build());
        String authorize = login.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> toCallback = web.send(HttpRequest.newBuilder(
                        URI.create(web.hub.origin() + authorize.replaceAll("state=[^&]+", "state=forged")))
                .GET()
                .build());
        String callback = toCallback.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> res =
                web.send(HttpRequest.newBuilder(URI.create(web.url("").replace("/services/gofer/", "") + callback))
                        .GET()
                        .build());

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(web.body(res).path("error").asText()).contains("state");
        assertThat(cookie("service-gofer")).isNull();
    }

    @Test
    void loginNeverRedirectsOffTheService() {
        HttpResponse<String> login = web.send(
                web.request("login?next=https%3A%2F%2Fevil.example%2F").GET().build());

        HttpResponse<String> landing =
                completeSignIn(login.headers().firstValue("Location").orElseThrow());

        assertThat(landing.headers().firstValue("Location")).contains("/services/gofer/");
    }

    @Test
    void cookieWritesNeedTheXsrfHeaderTokenWritesDoNot() {
        completeSignIn(web.send(web.request("login").GET().build())
                .headers()
                .firstValue("Location")
                .orElseThrow());
        String xsrf = web.body(web.send(web.request("api/session").GET().build()))
                .path("xsrf")
                .asText();
        String nb = notebook("c8", "s1", "lab01");

        HttpResponse<String> without = web.send(web.request("submit")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(nb))
                .build());
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(web.body(without).path("error").asText()).contains("X-Gofer-XSRF");
        HttpResponse<String> wrong = web.send(web.request("submit")
                .header("Content-Type", "application/json")
                .header("X-Gofer-XSRF", "guess")
                .POST(HttpRequest.BodyPublishers.ofString(nb))
                .build());
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> form = web.send(web.request("submit")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Gofer-XSRF", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("nb=" + nb))
                .build());
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(web.submissionRows()).isZero();

        HttpResponse<String> with = web.send(web.request("submit")
                .header("Content-Type", "application/json")
                .header("X-Gofer-XSRF", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(nb))
                .build());
        assertThat(with.statusCode()).as(with.body()).isEqualTo(202);
        assertThat(web.postJson("submit", WebFixture.BOB, nb).statusCode()).isEqualTo(202);
        assertThat(web.submissionRows()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenStopsWorkingWithinTheCacheLifetime() throws Exception {
        assertThat(web.get("api/submissions", WebFixture.ALICE).statusCode()).isEqualTo(200);
        int calls = web.hub.userCalls();
        assertThat(web.get("api/submissions", WebFixture.ALICE).statusCode()).isEqualTo(200);
        assertThat(web.hub.userCalls())
                .as("second request served from the cache")
                .isEqualTo(calls);

        web.hub.revoke(WebFixture.ALICE);

        int status = 200;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = web.get("api/submissions", WebFixture.ALICE).statusCode();
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void aSessionEndsWhenTheHubForgetsItsToken() throws Exception {
        completeSignIn(web.send(web.request("login").GET().build())
                .headers()
                .firstValue("Location")
                .orElseThrow());
        assertThat(web.send(web.request("api/session").GET().build()).statusCode())
                .isEqualTo(200);
        // the hub's logout deletes the OAuth tokens of that browser session
        web.hub.revoke(web.hub.oauthTokens().get(0));

        int status = 200;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = web.send(web.request("api/session").GET().build()).statusCode();
        }
        assertThat(status).isEqualTo(401);
    }

    /** Follows the hub's authorize redirect (as the proxy would route /hub/) and the callback. */
    private HttpResponse<String> completeSignIn(String authorize) {
        HttpResponse<String> toCallback = web.send(HttpRequest.newBuilder(URI.create(web.hub.origin() + authorize))
                .GET()
                .build());
        assertThat(toCallback.statusCode()).isEqualTo(302);
        String callback = toCallback.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("/services/gofer/oauth_callback?code=");
        return web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.service.port() + callback))
                .GET()
                .build());
    }

    private String cookie(String name) {
        List<HttpCookie> all = web.cookies.getCookieStore().getCookies();
        return all.stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }
}
