package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * The Kubernetes API client, configured the standard way: inside a cluster from the pod's service
 * account, else from {@code KUBECONFIG} / {@code ~/.kube/config}, with {@code KUBERNETES_MASTER}
 * and the other {@code KUBERNETES_*} variables winning. Over the JDK's own HTTP client. Stateless.
 */
public final class KubernetesClients {
    private KubernetesClients() {}

    public static KubernetesClient fromEnvironment() {
        return new KubernetesClientBuilder()
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }
}
