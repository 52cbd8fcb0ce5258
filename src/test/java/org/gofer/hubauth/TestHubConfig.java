package org.gofer.hubauth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gofer.config.AppConfig;

/** Hub settings as a JupyterHub-managed "gofer" service receives them. */
public final class TestHubConfig {
    public static final String CLIENT_ID = "service-gofer";
    public static final String SECRET = "service-api-token-0123456789";
    public static final String CALLBACK = "/services/gofer/oauth_callback";
    public static final List<String> ACCESS = List.of("access:services", "access:services!service=gofer");

    private TestHubConfig() {}

    public static AppConfig.Hub hub(Optional<URI> apiUrl, Duration cacheLifetime) {
        return new AppConfig.Hub(
                apiUrl,
                SECRET,
                CLIENT_ID,
                CALLBACK,
                ACCESS,
                "instructors",
                "custom:gofer:instruct",
                cacheLifetime,
                Map.of(),
                Set.of());
    }
}
