package org.gofer.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SameOriginTest {
    private final SameOrigin noPublicUrl = new SameOrigin(Optional.empty());

    @Test
    void thePageOfTheHostTheBrowserReachedIsAllowed() {
        assertThat(noPublicUrl.allows("http://127.0.0.1:8000", "127.0.0.1:8000", null))
                .isTrue();
        assertThat(noPublicUrl.allows("https://Hub.Example.edu", "hub.example.edu:443", null))
                .isTrue();
        assertThat(noPublicUrl.allows("http://hub.example.edu", "hub.example.edu", null))
                .isTrue();
    }

    @Test
    void otherSitesPortsAndSchemesAreRefused() {
        assertThat(noPublicUrl.allows("https://evil.example", "hub.example.edu", null))
                .isFalse();
        assertThat(noPublicUrl.allows("http://127.0.0.1:9999", "127.0.0.1:8000", null))
                .isFalse();
        assertThat(noPublicUrl.allows("http://hub.example.edu.evil.example", "hub.example.edu", null))
                .isFalse();
        assertThat(noPublicUrl.allows("https://hub.example.edu", "hub.example.edu:80", null))
                .isFalse();
    }

    @Test
    void aMissingOrOpaqueOriginIsRefused() {
        assertThat(noPublicUrl.allows(null, "hub.example.edu", null)).isFalse();
        assertThat(noPublicUrl.allows("null", "hub.example.edu", null)).isFalse();
        assertThat(noPublicUrl.allows("", "hub.example.edu", null)).isFalse();
        assertThat(noPublicUrl.allows("http://hub.example.edu", null, null)).isFalse();
    }

    @Test
    void aProxysForwardedHostAndThePublicUrlCount() {
        assertThat(noPublicUrl.allows("https://hub.example.edu", "10.0.0.5:8000", "hub.example.edu, 10.0.0.1"))
                .isTrue();
        SameOrigin withPublicUrl = new SameOrigin(Optional.of(URI.create("https://hub.example.edu/")));
        assertThat(withPublicUrl.allows("https://hub.example.edu", "127.0.0.1:10101", null))
                .isTrue();
        assertThat(withPublicUrl.allows("http://hub.example.edu", "127.0.0.1:10101", null))
                .isFalse();
    }
}
