package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gofer.sandbox.ContainerLabels;
import org.gofer.testsupport.DockerCli;

/**
 * A cluster for tests of the whole service: the {@link MockKubernetesApi} with a {@link TestKubelet},
 * and what a test asks of it afterwards. Test code.
 */
public final class KubernetesTestCluster implements AutoCloseable {
    public static final String NAMESPACE = "gofer-grading";

    private final MockKubernetesApi api;
    private final TestKubelet kubelet;
    private final KubernetesClient client;

    private KubernetesTestCluster(MockKubernetesApi api, TestKubelet kubelet) {
        this.api = api;
        this.kubelet = kubelet;
        this.client = api.client();
    }

    /** @param podPidsLimit the node's pids limit per pod */
    public static KubernetesTestCluster start(long podPidsLimit) throws IOException {
        MockKubernetesApi api = new MockKubernetesApi();
        return new KubernetesTestCluster(api, new TestKubelet(api, podPidsLimit));
    }

    /** What a Gofer service needs to grade on this cluster: the executor, its namespace and the API's address. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(api.environment());
        env.put("GOFER_EXECUTOR", "kubernetes");
        env.put("GOFER_K8S_NAMESPACE", NAMESPACE);
        return Map.copyOf(env);
    }

    /** The deployment's Jobs, pods and secrets that exist now, as {@code kind/name}. */
    public List<String> objectsOf(String deployment) {
        Map<String, String> selector = Map.of(ContainerLabels.DEPLOYMENT, deployment);
        List<String> found = new ArrayList<>();
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withLabels(selector)
                .list()
                .getItems()
                .forEach(j -> found.add("job/" + j.getMetadata().getName()));
        client.pods()
                .inNamespace(NAMESPACE)
                .withLabels(selector)
                .list()
                .getItems()
                .forEach(p -> found.add("pod/" + p.getMetadata().getName()));
        client.secrets()
                .inNamespace(NAMESPACE)
                .withLabels(selector)
                .list()
                .getItems()
                .forEach(s -> found.add("secret/" + s.getMetadata().getName()));
        return found;
    }

    /** Containers the kubelet runs now. */
    public List<String> containers() throws IOException, InterruptedException {
        return DockerCli.containersWithLabel(kubelet.containerLabel());
    }

    /** Pods the kubelet's Job controller created for a Job of that name, in all. */
    public int podsCreatedFor(String job) {
        return kubelet.podsCreatedFor(job);
    }

    /** Pods the kubelet's Job controller created, in all. */
    public int podsCreated() {
        return kubelet.podsCreated();
    }

    @Override
    public void close() {
        client.close();
        kubelet.close();
        api.close();
    }
}
