package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.gofer.sandbox.RunSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grading Jobs of one namespace and their run secrets: create one, find one by name, read its
 * kept secret, delete one with its pods and secret. API errors propagate as
 * {@link KubernetesClientException}; the runner turns them into "unavailable". Thread-safe.
 */
final class GradingJobs {
    private static final Logger LOG = LoggerFactory.getLogger(GradingJobs.class);
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final String namespace;

    GradingJobs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    Optional<Job> find(String name) {
        return Optional.ofNullable(
                client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /**
     * Creates the Job, then its run secret owned by it.
     *
     * @return false when a Job of that name exists already (409): someone else grades it
     */
    boolean create(Job manifest, Map<String, String> labels, RunSecret secret) {
        Job created;
        try {
            created = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .resource(manifest)
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
        String name = created.getMetadata().getName();
        client.secrets()
                .inNamespace(namespace)
                .resource(GradingJobManifest.runSecret(name, namespace, labels, created, secret.hex()))
                .create();
        return true;
    }

    /** The secret a Job's grading was started with, when it was kept. */
    Optional<RunSecret> keptSecret(String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Optional.empty();
        }
        String hex = null;
        if (secret.getData() != null && secret.getData().containsKey(GradingJobManifest.SECRET_KEY)) {
            hex = new String(
                    Base64.getDecoder().decode(secret.getData().get(GradingJobManifest.SECRET_KEY)),
                    StandardCharsets.US_ASCII);
        } else if (secret.getStringData() != null) {
            hex = secret.getStringData().get(GradingJobManifest.SECRET_KEY);
        }
        return hex != null && hex.matches("[0-9a-f]{64}") ? Optional.of(new RunSecret(hex)) : Optional.empty();
    }

    /**
     * Deletes the Job, its pods (at once, no grace: nothing in a grading pod needs to shut down
     * cleanly) and its run secret. Failures are logged: the sweeper and the Job's TTL catch up.
     */
    void delete(String name) {
        try {
            client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete();
            client.pods()
                    .inNamespace(namespace)
                    .withLabel(GradingJobManifest.RUN, name)
                    .withGracePeriod(0)
                    .delete();
            client.secrets().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            LOG.warn("could not delete grading job {}; the sweeper will retry: {}", name, e.getMessage());
        }
    }

    /** Deletes the Job and waits (bounded) until its name is free again. */
    void deleteAndAwaitGone(String name) throws InterruptedException {
        delete(name);
        long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
        while (find(name).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new KubernetesClientException("job " + name + " was not deleted within " + GONE_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }
}
