package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gofer.sandbox.kubernetes.KubernetesTestCluster;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ServiceCrashIT} with {@code GOFER_EXECUTOR=kubernetes}: the service's gradings are Jobs on
 * the mock API, run by the test kubelet on Docker. Jobs still running when the service is killed are
 * adopted by the restarted service, not started twice; nothing is lost, nothing recorded twice, and
 * no Job, pod, secret or container is left.
 */
@EnabledIfDocker
class KubernetesServiceCrashIT extends ServiceCrashIT {
    private static KubernetesTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KubernetesTestCluster.start(256);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected Map<String, String> executorEnv() {
        return cluster.serviceEnvironment();
    }

    @Override
    protected void assertGradedByTheExecutor(int submissions) {
        assertThat(cluster.podsCreated())
                .as("grading pods run by the test kubelet")
                .isGreaterThanOrEqualTo(submissions);
    }

    @Override
    protected List<String> leftBehind(String deployment) throws Exception {
        List<String> left = new ArrayList<>(cluster.objectsOf(deployment));
        left.addAll(cluster.containers());
        return left;
    }
}
