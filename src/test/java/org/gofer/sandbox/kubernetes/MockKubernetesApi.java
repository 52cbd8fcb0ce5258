package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fabric8 mock Kubernetes API in CRUD mode (objects are stored, listed, watched, patched and
 * deleted as by an API server, nothing else happens), on loopback, plus the two pod subresources a
 * kubelet serves that CRUD mode has not: {@code pods/{name}/log} and {@code pods/{name}/attach},
 * answered by the {@link TestKubelet}. Clients use the JDK HTTP client, like Gofer.
 */
final class MockKubernetesApi implements AutoCloseable {
    private static final Pattern POD_SUBRESOURCE =
            Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/(log|attach)(\\?.*)?$");

    /** What serves the kubelet's subresources. */
    interface Kubelet {
        /** @return the container's log so far, null when there is no such pod */
        byte[] log(String namespace, String pod);

        MockResponse attach(String namespace, String pod);
    }

    private final KubernetesMockServer server;
    private volatile Kubelet kubelet;

    MockKubernetesApi() {
        Map<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>
                responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Matcher m = POD_SUBRESOURCE.matcher(request.getPath());
                Kubelet k = kubelet;
                if (m.matches() && k != null) {
                    if (m.group(3).equals("attach")) {
                        return k.attach(m.group(1), m.group(2));
                    }
                    byte[] log = k.log(m.group(1), m.group(2));
                    return log == null
                            ? new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"code\":404}")
                            : new MockResponse().setResponseCode(200).setBody(log);
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    void serveKubelet(Kubelet kubelet) {
        this.kubelet = kubelet;
    }

    /** The API's URL, e.g. for {@code KUBERNETES_MASTER} of a service process. */
    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A new client of this API (the caller closes it). */
    KubernetesClient client() {
        return server.createClient(new JdkHttpClientFactory());
    }

    /** The variables that point a Gofer process's client here, and nowhere else. */
    Map<String, String> environment() {
        return Map.of(
                "KUBERNETES_MASTER", url(),
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false",
                "KUBERNETES_NAMESPACE", "default");
    }

    @Override
    public void close() {
        server.destroy();
    }
}
