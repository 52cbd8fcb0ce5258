package org.gofer.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gofer.sandbox.kubernetes.KubernetesTestCluster;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link AttackSuiteIT} with {@code GOFER_EXECUTOR=kubernetes}: every attack notebook graded in a
 * Job on the mock API, run by the test kubelet with the pod spec's limits and a node pids limit of
 * 128 (the suite's {@code GOFER_SANDBOX_PIDS}), must end as on Docker.
 */
@EnabledIfDocker
class KubernetesAttackSuiteIT extends AttackSuiteIT {
    private static KubernetesTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KubernetesTestCluster.start(128);
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
    protected List<String> leftBehind(String deployment) throws Exception {
        List<String> left = new ArrayList<>(cluster.objectsOf(deployment));
        left.addAll(cluster.containers());
        return left;
    }
}
