package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one {@link DockerClient} the service shares (thread-safe, pooled connections).
 *
 * <p>The daemon is {@code DOCKER_HOST} when set, else {@code unix:///var/run/docker.sock}. The API
 * version is negotiated the way the docker CLI does it: ask the daemon's {@code /version} without a
 * version prefix, then talk the older of the daemon's version and the newest this docker-java knows.
 * When the daemon does not answer at start-up the client stays unversioned (the daemon then uses its
 * own version), so the service can start and report itself unhealthy until Docker comes back.
 */
public final class DockerClients {
    private static final Logger LOG = LoggerFactory.getLogger(DockerClients.class);
    private static final RemoteApiVersion NEWEST_KNOWN = RemoteApiVersion.VERSION_1_44;

    private DockerClients() {}

    /** A client for the daemon named by the environment, at the negotiated API version. */
    public static DockerClient fromEnvironment() {
        DefaultDockerClientConfig probeConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION)
                .build();
        RemoteApiVersion version = negotiate(probeConfig);
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withApiVersion(version)
                .build();
        return DockerClientImpl.getInstance(config, httpClient(config));
    }

    private static RemoteApiVersion negotiate(DefaultDockerClientConfig probeConfig) {
        try (DockerClient probe = DockerClientImpl.getInstance(probeConfig, httpClient(probeConfig))) {
            RemoteApiVersion daemon =
                    RemoteApiVersion.parseConfig(probe.versionCmd().exec().getApiVersion());
            RemoteApiVersion chosen = daemon.isGreaterOrEqual(NEWEST_KNOWN) ? NEWEST_KNOWN : daemon;
            LOG.info("Docker at {} speaks API {}; using {}", probeConfig.getDockerHost(), daemon, chosen);
            return chosen;
        } catch (Exception e) {
            LOG.warn(
                    "Docker at {} did not answer ({}); API version left to the daemon",
                    probeConfig.getDockerHost(),
                    e.toString());
            return RemoteApiVersion.UNKNOWN_VERSION;
        }
    }

    private static DockerHttpClient httpClient(DefaultDockerClientConfig config) {
        // No response timeout: attach and wait streams legitimately stay open for a whole grading;
        // the runner enforces the wall clock itself.
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(100)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
    }
}
