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
 * {@link CorpusIT} with {@code GOFER_EXECUTOR=kubernetes}: {@code gofer grade} grades each upstream
 * assignment in a Job on the mock API, run by the test kubelet with the pod spec's limits, and must
 * give the scores it gives on Docker, leaving no Job, pod, secret or container.
 */
@EnabledIfDocker
class KubernetesCorpusIT extends CorpusIT {
    private static KubernetesTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KubernetesTestCluster.start(256); // the node's pids limit: Gofer's default GOFER_SANDBOX_PIDS
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) { // null when the corpus is absent: the suite was skipped before the cluster started
            cluster.close();
        }
    }

    @Override
    protected Map<String, String> executorEnv() {
        return cluster.serviceEnvironment();
    }

    @Override
    protected void assertGradedByTheExecutor(int gradings) {
        assertThat(cluster.podsCreated())
                .as("grading pods run by the test kubelet")
                .isEqualTo(gradings);
    }

    @Override
    protected List<String> leftBehind(String deployment) throws Exception {
        List<String> left = new ArrayList<>(cluster.objectsOf(deployment));
        left.addAll(cluster.containers());
        return left;
    }
}
