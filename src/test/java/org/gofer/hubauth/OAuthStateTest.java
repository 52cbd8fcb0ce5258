package org.gofer.hubauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthStateTest {
    private static final String PREFIX = "/services/gofer/";

    @Test
    void keepsALocalPathUnderThePrefix() {
        assertThat(OAuthState.safeNext("/services/gofer/api/session?x=1", PREFIX))
                .contains("/services/gofer/api/session?x=1");
        assertThat(OAuthState.safeNext("/services/gofer", PREFIX)).contains("/services/gofer");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example/",
                "//evil.example/services/gofer/",
                "/hub/admin",
                "/services/gofer/../../hub/admin",
                "/services/gofer/%2e%2e/hub",
                "/services/gofer/\\evil",
                "/services/gofer//evil.example",
                "/services/gofer/x\r\nSet-Cookie: a=b",
                "javascript:alert(1)",
                ""
            })
    void refusesAnythingElse(String next) {
        assertThat(OAuthState.safeNext(next, PREFIX)).isEmpty();
    }

    @Test
    void rootPrefixStillRefusesProtocolRelativeUrls() {
        assertThat(OAuthState.safeNext("//evil.example/", "/")).isEmpty();
        assertThat(OAuthState.safeNext("/api/session", "/")).contains("/api/session");
    }

    @Test
    void stateCarriesTheNextPathAndIsUnguessable() {
        String a = OAuthState.create("/services/gofer/api/session");
        String b = OAuthState.create("/services/gofer/api/session");

        assertThat(a).isNotEqualTo(b);
        assertThat(OAuthState.nextOf(a, PREFIX)).isEqualTo("/services/gofer/api/session");
        assertThat(OAuthState.nextOf("forged.aHR0cHM6Ly9ldmlsLmV4YW1wbGU", PREFIX))
                .isEqualTo(PREFIX);
    }
}
