package org.gofer.hubauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gofer.config.AppConfig;
import org.junit.jupiter.api.Test;

class DevAuthenticatorTest {
    private final AppConfig.Hub base = TestHubConfig.hub(Optional.empty(), Duration.ofSeconds(30));
    private final AppConfig.Hub dev = new AppConfig.Hub(
            base.apiUrl(),
            base.apiToken(),
            base.clientId(),
            base.oauthCallbackUrl(),
            base.accessScopes(),
            base.instructorGroup(),
            base.instructorScope(),
            base.cacheLifetime(),
            Map.of("t-ann", "ann", "t-prof", "prof"),
            Set.of("prof"));

    @Test
    void devTokensNameTheirUsersWithAccess() {
        DevAuthenticator auth = new DevAuthenticator(dev);

        HubUser ann = auth.userForToken("t-ann").orElseThrow();
        HubUser prof = auth.userForToken("t-prof").orElseThrow();

        assertThat(ann.name()).isEqualTo("ann");
        assertThat(ann.instructor()).isFalse();
        assertThat(ann.hasAnyScope(dev.accessScopes())).isTrue();
        assertThat(prof.instructor()).isTrue();
        assertThat(auth.userForToken("t-nobody")).isEmpty();
    }

    @Test
    void theHubIsUsedWheneverItsUrlIsConfigured() {
        assertThat(Authenticators.forConfig(dev, Clock.systemUTC()).authenticator())
                .isInstanceOf(DevAuthenticator.class);
        AppConfig.Hub withHub =
                TestHubConfig.hub(Optional.of(URI.create("http://127.0.0.1:1/hub/api")), Duration.ofSeconds(30));
        Authenticators hub = Authenticators.forConfig(withHub, Clock.systemUTC());
        assertThat(hub.authenticator()).isInstanceOf(CachingAuthenticator.class);
        assertThat(hub.hubClient()).isPresent();
    }
}
