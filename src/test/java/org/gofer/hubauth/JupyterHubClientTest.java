package org.gofer.hubauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JupyterHubClientTest {
    private StandInHub hub;
    private JupyterHubClient client;

    @BeforeEach
    void start() {
        hub = new StandInHub(TestHubConfig.CLIENT_ID, TestHubConfig.SECRET, TestHubConfig.CALLBACK);
        client = new JupyterHubClient(TestHubConfig.hub(Optional.of(hub.apiUrl()), Duration.ZERO));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void resolvesAStudentsToken() {
        hub.addToken("tok-alice", "alice", false, List.of("students"), List.of("access:services!service=gofer"));

        HubUser alice = client.userForToken("tok-alice").orElseThrow();

        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.instructor()).isFalse();
        assertThat(alice.hasAnyScope(TestHubConfig.ACCESS)).isTrue();
    }

    @Test
    void instructorIsAdminOrGroupMemberOrScopeHolder() {
        hub.addToken("t-admin", "root", true, List.of(), List.of());
        hub.addToken("t-group", "ta", false, List.of("instructors"), List.of());
        hub.addToken("t-scope", "prof", false, List.of(), List.of("custom:gofer:instruct"));
        hub.addToken("t-none", "bob", false, List.of("students"), List.of("access:services"));

        assertThat(client.userForToken("t-admin").orElseThrow().instructor()).isTrue();
        assertThat(client.userForToken("t-group").orElseThrow().instructor()).isTrue();
        assertThat(client.userForToken("t-scope").orElseThrow().instructor()).isTrue();
        assertThat(client.userForToken("t-none").orElseThrow().instructor()).isFalse();
    }

    @Test
    void hub403MeansNoUser() {
        assertThat(client.userForToken("unknown")).isEmpty();
    }

    @Test
    void malformedTokensNeverReachTheHub() {
        assertThat(client.userForToken("bad\r\nX-Injected: 1")).isEmpty();
        assertThat(client.userForToken("")).isEmpty();
        assertThat(hub.userCalls()).isZero();
    }

    @Test
    void other4xxIsAServerErrorAnd5xxABadGateway() {
        hub.failWith(404);
        assertThatThrownBy(() -> client.userForToken("x"))
                .isInstanceOfSatisfying(
                        HubUnavailableException.class,
                        e -> assertThat(e.status()).isEqualTo(500));
        hub.failWith(503);
        assertThatThrownBy(() -> client.userForToken("x"))
                .isInstanceOfSatisfying(
                        HubUnavailableException.class,
                        e -> assertThat(e.status()).isEqualTo(502));
    }

    @Test
    void unreachableHubIsABadGatewayWithoutTheToken() {
        Javalin closed = Javalin.create().start("127.0.0.1", 0);
        int port = closed.port();
        closed.stop();
        JupyterHubClient dead = new JupyterHubClient(
                TestHubConfig.hub(Optional.of(URI.create("http://127.0.0.1:" + port + "/hub/api")), Duration.ZERO));

        assertThatThrownBy(() -> dead.userForToken("secret-token-value"))
                .isInstanceOfSatisfying(HubUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).doesNotContain("secret-token-value");
                });
    }

    @Test
    void authorizeUrlIsRelativeToTheHubWithTheExactCallback() {
        String url = client.authorizeUrl("S1");

        assertThat(url).startsWith("/hub/api/oauth2/authorize?client_id=service-gofer&redirect_uri=");
        assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8))
                .contains("redirect_uri=/services/gofer/oauth_callback")
                .contains("response_type=code")
                .endsWith("state=S1");
    }

    @Test
    void exchangesACodeOnceWithTheSecretInTheBody() throws Exception {
        var http = java.net.http.HttpClient.newBuilder()
                .proxy(java.net.http.HttpClient.Builder.NO_PROXY)
                .build();
        var res = http.send(
                java.net.http.HttpRequest.newBuilder(URI.create(hub.origin() + client.authorizeUrl("S")))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        String location = res.headers().firstValue("Location").orElseThrow();
        String code = location.replaceAll(".*code=([^&]+).*", "$1");

        String token = client.exchangeCode(code).orElseThrow();

        assertThat(client.userForToken(token).orElseThrow().name()).isEqualTo("alice");
        assertThat(client.exchangeCode(code)).as("a code works once").isEmpty();
    }
}
