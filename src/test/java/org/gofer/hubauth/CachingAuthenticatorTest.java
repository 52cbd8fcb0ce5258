package org.gofer.hubauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachingAuthenticatorTest {
    private final HubAuthenticator hub = mock(HubAuthenticator.class);
    private final MutableClock clock = new MutableClock();
    private final HubUser alice = new HubUser("alice", false, List.of(), List.of("access:services"), false);

    @Test
    void asksTheHubOncePerLifetime() {
        when(hub.userForToken("t")).thenReturn(Optional.of(alice));
        CachingAuthenticator cache = new CachingAuthenticator(hub, Duration.ofSeconds(30), 100, clock);

        cache.userForToken("t");
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.userForToken("t")).contains(alice);
        verify(hub, times(1)).userForToken("t");

        clock.advance(Duration.ofSeconds(2));
        cache.userForToken("t");
        verify(hub, times(2)).userForToken("t");
    }

    @Test
    void aRevokedTokenStopsWorkingAfterTheLifetime() {
        when(hub.userForToken("t")).thenReturn(Optional.of(alice)).thenReturn(Optional.empty());
        CachingAuthenticator cache = new CachingAuthenticator(hub, Duration.ofSeconds(30), 100, clock);

        assertThat(cache.userForToken("t")).isPresent();
        clock.advance(Duration.ofSeconds(31));
        assertThat(cache.userForToken("t")).isEmpty();
    }

    @Test
    void staysWithinItsSizeBound() {
        when(hub.userForToken(org.mockito.ArgumentMatchers.anyString())).thenReturn(Optional.empty());
        CachingAuthenticator cache = new CachingAuthenticator(hub, Duration.ofMinutes(5), 10, clock);

        for (int i = 0; i < 100; i++) {
            cache.userForToken("t" + i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void zeroLifetimeMeansNoCache() {
        when(hub.userForToken("t")).thenReturn(Optional.of(alice));
        CachingAuthenticator cache = new CachingAuthenticator(hub, Duration.ZERO, 10, clock);

        cache.userForToken("t");
        cache.userForToken("t");

        verify(hub, times(2)).userForToken("t");
    }

    @Test
    void keysAreHashesNotTokens() {
        assertThat(CachingAuthenticator.sha256("secret")).hasSize(64).doesNotContain("secret");
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
